import { describe, expect, it } from 'vitest'
import { readParam } from './state-params.js'
import { compileTemplate } from './state-template.js'

describe('compileTemplate', () => {
  const template = compileTemplate('a lead {id} exists with File Upload field {systemName}', {
    id: 'integer',
    systemName: 'string',
  })

  it('takes the params from the pact', () => {
    expect(
      template.match('a lead {id} exists with File Upload field {systemName}', {
        id: 411000001,
        systemName: 'docs_5f0c',
      }),
    ).toEqual({ ok: true, params: { id: 411000001, systemName: 'docs_5f0c' } })
  })

  it('reads them from the sentence by their declared type', () => {
    expect(template.match('a lead 411000001 exists with File Upload field docs_5f0c')).toEqual({
      ok: true,
      params: { id: 411000001, systemName: 'docs_5f0c' },
    })
    // A string parameter of digits stays a string.
    expect(compileTemplate('a contact {id} exists').match('a contact 123 exists')).toEqual({
      ok: true,
      params: { id: '123' },
    })
  })

  it('ignores case and extra spaces', () => {
    expect(compileTemplate('the API is rate limiting').match('  The API  is rate limiting ')).toEqual({
      ok: true,
      params: {},
    })
  })

  it('says which parameter is missing or of the wrong type', () => {
    expect(template.match('a lead {id} exists with File Upload field {systemName}', { id: 1 })).toEqual({
      ok: false,
      error: expect.stringContaining('needs {systemName}'),
    })
    expect(template.match('a lead abc exists with File Upload field x')).toEqual({
      ok: false,
      error: expect.stringContaining('{id} must be a whole number, not "abc"'),
    })
  })

  it('does not match another sentence', () => {
    expect(template.match('a contact exists')).toBeUndefined()
  })

  it('gives templates of the same shape the same key', () => {
    expect(compileTemplate('a lead {id} exists').key).toBe(compileTemplate('A lead {leadId} exists').key)
  })
})

describe('readParam', () => {
  it('reads sizes with units', () => {
    expect(readParam('bytes', '10 MiB')).toEqual({ ok: true, value: 10 * 1024 * 1024 })
    expect(readParam('bytes', '2 MB')).toEqual({ ok: true, value: 2_000_000 })
    expect(readParam('bytes', 1024)).toEqual({ ok: true, value: 1024 })
    expect(readParam('bytes', 'lots').ok).toBe(false)
  })

  it('reads lists of ids from JSON or text', () => {
    expect(readParam('integers', [1, 2])).toEqual({ ok: true, value: [1, 2] })
    expect(readParam('integers', '411000001, 411000002 and 3')).toEqual({
      ok: true,
      value: [411000001, 411000002, 3],
    })
    expect(readParam('integers', '[7,8]')).toEqual({ ok: true, value: [7, 8] })
    expect(readParam('integers', 'a, b').ok).toBe(false)
  })

  it('reads dates and booleans', () => {
    expect(readParam('iso-date', '2026-01-15T09:00:00Z')).toEqual({
      ok: true,
      value: '2026-01-15T09:00:00.000Z',
    })
    expect(readParam('iso-date', 'soon').ok).toBe(false)
    expect(readParam('boolean', 'true')).toEqual({ ok: true, value: true })
  })
})
