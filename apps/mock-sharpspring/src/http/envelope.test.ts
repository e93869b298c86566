import { describe, expect, it } from 'vitest'
import { apiError, itemError, itemOk } from '../domain/method-result.js'
import { changedState, refusal } from '../domain/rpc-call.js'
import { renderOutcome } from './envelope.js'

describe('renderOutcome', () => {
  it('gives a refused call its message from the table and echoes the id', () => {
    expect(renderOutcome(refusal(204, 'r1', { method: 'nope' }))).toEqual({
      result: null,
      error: { code: 204, message: 'Invalid method signature.', data: { method: 'nope' } },
      id: 'r1',
    })
    expect(renderOutcome({ id: 7, write: true, result: apiError(207) }).error).toEqual({
      code: 207,
      message: 'Missing objects array.',
      data: [],
    })
  })

  it('answers a read with error null, and a write method with error []', () => {
    const result = { kind: 'read', result: { lead: [] } } as const
    expect(renderOutcome({ id: 1, write: false, result })).toEqual({
      result: { lead: [] },
      error: null,
      id: 1,
    })
    expect(renderOutcome({ id: 1, write: true, result }).error).toEqual([])
  })

  it('says hasMore beside and inside the result of a paged read, with error []', () => {
    const result = { kind: 'read', result: { getWherelistMemberGets: [] }, hasMore: false } as const
    expect(renderOutcome({ id: '', write: false, result })).toEqual({
      hasMore: false,
      result: { getWherelistMemberGets: [], hasMore: false },
      error: [],
      id: '',
    })
  })

  it('renders every item error and repeats the failed ones in input order', () => {
    const items = [itemOk(5), itemError(301), itemOk(), itemError(205, { field: 'x' })]
    const outcome = { id: 'w', write: true, result: { kind: 'write', key: 'creates', items } } as const
    const envelope = renderOutcome(outcome)
    const duplicate = { code: 301, message: 'Entry already exists', data: [] }
    const invalid = { code: 205, message: 'Invalid parameters.', data: { field: 'x' } }
    expect(envelope).toEqual({
      result: {
        creates: [
          { success: true, error: null, id: 5 },
          { success: false, error: duplicate },
          { success: true, error: null },
          { success: false, error: invalid },
        ],
      },
      error: [duplicate, invalid],
      id: 'w',
    })
    expect(changedState(outcome)).toBe(true)
    expect(changedState({ ...outcome, result: { ...outcome.result, items: [itemError(302)] } })).toBe(false)
  })
})
