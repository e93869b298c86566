import { describe, expect, it } from 'vitest'
import { readJournalQuery } from './journal-query.js'

const read = (query: string) => readJournalQuery(new URLSearchParams(query))

describe('readJournalQuery', () => {
  it('reads every filter', () => {
    const query = read(
      'service=s3&method=post&path=/b&status=4xx&refused=true&since=2026-03-01T12:00:00Z&until=2026-03-02&limit=5',
    )
    expect(query.ok).toBe(true)
    if (!query.ok) return
    expect(query.value).toMatchObject({ service: 's3', method: 'post', pathPrefix: '/b', limit: 5 })
    expect(query.value.since?.toISOString()).toBe('2026-03-01T12:00:00.000Z')
    expect(query.value.until?.toISOString()).toBe('2026-03-02T00:00:00.000Z')
    expect([399, 400, 404, 499, 500].map((status) => query.value.status?.(status))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ])
  })

  it('reads an exact status, and refused alone as 4xx and 5xx', () => {
    const exact = read('status=201')
    expect(exact.ok && [200, 201].map((status) => exact.value.status?.(status))).toEqual([false, true])
    const refused = read('refused=true')
    expect(refused.ok && [201, 403, 503].map((status) => refused.value.status?.(status))).toEqual([
      false,
      true,
      true,
    ])
    const all = read('refused=false')
    expect(all.ok && all.value.status).toBeUndefined()
  })

  it('refuses a filter it does not know, or a value it cannot read, naming it', () => {
    expect(read('servce=s3')).toEqual({
      ok: false,
      error:
        'No journal filter "servce"; the filters are service, method, path, status, code, rpcMethod, fault, refused, since, until, limit.',
    })
    for (const [query, name] of [
      ['limit=ten', 'limit'],
      ['status=42', 'status'],
      ['status=6xx', 'status'],
      ['refused=yes', 'refused'],
      ['since=yesterday', 'since'],
      ['until=2026-13-45T00:00:00Z', 'until'],
    ] as const) {
      const answer = read(query)
      expect(answer.ok, query).toBe(false)
      expect(!answer.ok && answer.error, query).toMatch(new RegExp(`^${name} must be`))
    }
  })
})
