import { describe, expect, it } from 'vitest'
import { createRequestJournal } from './request-journal.js'

const entry = (path: string, service = 'api', method = 'GET') => ({
  service,
  time: '2026-03-01T12:00:00.000Z',
  method,
  path,
  status: 200,
  durationMs: 1,
})

describe('request journal', () => {
  it('keeps the newest entries within its limit, and counts what it dropped', () => {
    const journal = createRequestJournal({ limit: 2 })
    for (const path of ['/a', '/b', '/c']) journal.record(entry(path))
    expect(journal.entries().map((e) => [e.seq, e.path])).toEqual([
      [2, '/b'],
      [3, '/c'],
    ])
    expect(journal.dropped).toBe(1)
    journal.clear()
    expect([journal.entries(), journal.dropped]).toEqual([[], 0])
  })

  it('filters by service, method and path prefix, and keeps the last `limit` matches', () => {
    const journal = createRequestJournal()
    journal.record(entry('/api/v3/contacts'))
    journal.record(entry('/bucket', 's3', 'POST'))
    journal.record(entry('/api/v3/notes', 'api', 'POST'))
    journal.record(entry('/api/v3/contacts/1'))
    expect(journal.entries({ service: 's3' }).map((e) => e.path)).toEqual(['/bucket'])
    expect(journal.entries({ method: 'post', service: 'api' }).map((e) => e.path)).toEqual(['/api/v3/notes'])
    expect(journal.entries({ pathPrefix: '/api/v3/contacts', limit: 1 }).map((e) => e.path)).toEqual([
      '/api/v3/contacts/1',
    ])
  })
})
