import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, parseJsonBody } from './json-body.js'

const nested = (depth: number, open = '{"a":', close = '}') =>
  `${open.repeat(depth - 1)}{}${close.repeat(depth - 1)}`

describe('parseJsonBody', () => {
  it('parses JSON up to PHP json_decode depth, and nothing deeper', () => {
    expect(parseJsonBody(nested(MAX_JSON_DEPTH))).toBeTypeOf('object')
    expect(parseJsonBody(nested(MAX_JSON_DEPTH + 1))).toBeUndefined()
    expect(parseJsonBody(`[${'['.repeat(100_000)}`)).toBeUndefined()
  })

  it('counts no bracket inside a string, escaped quotes included', () => {
    const text = JSON.stringify({ id: `\\"${'{['.repeat(2000)}`, method: 'getLeads' })
    expect(parseJsonBody(text)).toMatchObject({ method: 'getLeads' })
  })

  it('gives undefined for what is not JSON', () => {
    expect(parseJsonBody('{"id": 1')).toBeUndefined()
    expect(parseJsonBody('')).toBeUndefined()
  })
})
