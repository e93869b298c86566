import { describe, expect, it } from 'vitest'
import { journalDefaults } from './journal-bounds.js'
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

  it('cuts long strings with a marker and records a bounded number of parts, counting the rest', () => {
    const journal = createRequestJournal({ maxStringBytes: 100, maxPartsPerEntry: 2 })
    const long = 'n'.repeat(15_000)
    const parts = Array.from({ length: 5 }, () => ({
      name: long,
      filename: long,
      contentType: long,
      size: 1,
    }))
    const recorded = journal.record({ ...entry(`/upload?q=${long}`, 'api', 'POST'), parts })
    expect(recorded.path).toMatch(/^\/upload\?q=n+…\[15010 bytes, truncated\]$/)
    expect(Buffer.byteLength(recorded.path)).toBeLessThanOrEqual(100)
    expect(recorded.parts).toHaveLength(2)
    expect(recorded.partsOmitted).toBe(3)
    for (const part of recorded.parts ?? [])
      for (const text of [part.name, part.filename, part.contentType])
        expect(Buffer.byteLength(text ?? '')).toBeLessThanOrEqual(100)
    expect(journal.entries()).toEqual([recorded])
  })

  it('stays within its byte budget however large the requests, dropping the oldest first', () => {
    // The reproducer that ran the mock out of memory: many POSTs of 1,000 parts with 15 KB filenames.
    const journal = createRequestJournal()
    const filename = 'f'.repeat(15_000)
    const parts = Array.from({ length: 1000 }, (_, i) => ({ name: `files[${i}]`, filename, size: 0 }))
    for (let i = 0; i < 120; i++) journal.record({ ...entry(`/upload/${i}`, 'api', 'POST'), parts })
    expect(journal.bytes).toBeLessThanOrEqual(journalDefaults.maxBytes)
    const kept = journal.entries()
    expect(journal.dropped).toBeGreaterThan(0)
    expect(kept.length + journal.dropped).toBe(120)
    expect(kept.at(-1)?.path).toBe('/upload/119')
    expect(kept.at(-1)?.partsOmitted).toBe(1000 - journalDefaults.maxPartsPerEntry)
    // Small entries fill it by count long before bytes.
    journal.clear()
    for (let i = 0; i < 1500; i++) journal.record(entry(`/a/${i}`))
    expect([journal.entries().length, journal.dropped]).toEqual([1000, 500])
  }, 30_000)

  it('always keeps the newest entry, even one larger than the whole budget', () => {
    const journal = createRequestJournal({ maxBytes: 1000 })
    journal.record(entry('/first'))
    journal.record({ ...entry('/big'), parts: [{ name: 'x'.repeat(2000), size: 0 }] })
    expect(journal.entries().map((e) => e.path)).toEqual(['/big'])
    expect(journal.dropped).toBe(1)
  })
})
