import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { documentedOperations } from '../scripts/documented-operations.mjs'
import { DOCUMENTED_OPERATIONS } from '../src/api/http/documented-operations.js'
import { documentProblems, operationOf } from './openapi.js'

describe('the vendor document check', () => {
  it('finds the most specific operation for a path', () => {
    expect(operationOf('DELETE', '/contacts/delete')?.id).toBe('deleteContacts')
    expect(operationOf('DELETE', '/contacts/5ae06ef9d55673108fe8877f')?.id).toBe('deleteContact')
    expect(operationOf('GET', '/contacts.json?page=2')?.id).toBe('listContacts')
    expect(operationOf('GET', '/nowhere')).toBeUndefined()
  })

  it('accepts a documented answer and names what is wrong with another', () => {
    const answer = { status: 0, message: 'OK', timestamp: 1, data: { contact: { id: 'x', starred: false } } }
    expect(documentProblems('GET', '/contacts/x', 200, answer)).toEqual([])
    const wrong = { ...answer, data: { contact: { id: 'x', starred: 'no' } } }
    expect(documentProblems('GET', '/contacts/x', 200, wrong).join()).toContain('/data/contact/starred')
  })
})

describe('the generated operation list', () => {
  it('is the vendor document’s (run `pnpm generate:operations` after updating the copy)', () => {
    const text = readFileSync(new URL('../vendor/openapi-v3.yaml', import.meta.url), 'utf8')
    expect(DOCUMENTED_OPERATIONS).toEqual(documentedOperations(text))
    expect(DOCUMENTED_OPERATIONS).toHaveLength(166)
  })
})
