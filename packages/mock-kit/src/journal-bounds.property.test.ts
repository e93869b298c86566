import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { boundEntry, entryBytes, resolveJournalBounds } from './journal-bounds.js'
import type { JournalEntry } from './request-journal.js'

// Whatever a request makes an entry hold, the entry the journal keeps costs at most a bound fixed by the
// journal's options alone, and its strings are within their limits: no request chooses the journal's size.

const bounds = resolveJournalBounds({
  maxStringBytes: 80,
  maxBodyBytes: 200,
  maxPartsPerEntry: 3,
  maxHeaders: 4,
})
const text = fc.string({ unit: 'binary', maxLength: 400 })
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined })

const entryArbitrary: fc.Arbitrary<JournalEntry> = fc.record({
  seq: fc.nat(),
  service: text,
  time: text,
  method: text,
  path: text,
  status: fc.integer({ min: 100, max: 599 }),
  durationMs: fc.double({ min: 0, max: 1e6, noNaN: true }),
  headers: optional(fc.dictionary(text, text, { maxKeys: 12 })),
  body: optional(fc.record({ contentType: text, size: fc.nat(), json: fc.string({ maxLength: 2000 }) })),
  error: optional(fc.record({ code: text, message: text })),
  rpc: optional(fc.record({ method: text, id: fc.oneof(text, fc.integer(), fc.constant(null)) })),
  explanation: optional(
    fc.record({
      subject: text,
      document: optional(fc.string({ maxLength: 2000 })),
      checks: fc.array(
        fc.record({
          check: text,
          outcome: fc.constantFrom('passed', 'failed', 'not-reached'),
          expected: optional(text),
          got: optional(text),
        }),
        { maxLength: 8 },
      ),
    }),
  ),
  parts: optional(
    fc.array(
      fc.record({
        name: text,
        filename: optional(text),
        contentType: optional(text),
        size: fc.nat(),
        sha256: optional(text),
        value: optional(text),
      }),
      { maxLength: 8 },
    ),
  ),
  fault: optional(text),
})

const bytes = (value: string | undefined) => Buffer.byteLength(value ?? '')

describe('journal bounds (property)', () => {
  it('keep every entry within a cost fixed by the options, every string within its limit', () => {
    const s = bounds.maxStringBytes
    // What `entryBytes` can add up to for a bounded entry: overheads and every string at its limit.
    const ceiling =
      256 +
      6 * s +
      bounds.maxHeaders * (2 * s + 16) +
      (32 + s + bounds.maxBodyBytes) +
      (32 + 2 * s) +
      (32 + s + 24) +
      (64 + s + bounds.maxBodyBytes + bounds.maxPartsPerEntry * (48 + 3 * s)) +
      bounds.maxPartsPerEntry * (128 + 5 * s)
    fc.assert(
      fc.property(entryArbitrary, (entry) => {
        const kept = boundEntry(entry, bounds, 1)
        expect(entryBytes(kept)).toBeLessThanOrEqual(ceiling)
        for (const value of [kept.service, kept.path, kept.method, kept.error?.message, kept.fault])
          expect(bytes(value)).toBeLessThanOrEqual(s)
        for (const [name, value] of Object.entries(kept.headers ?? {}))
          expect(Math.max(bytes(name), bytes(value))).toBeLessThanOrEqual(s)
        expect(Object.keys(kept.headers ?? {}).length).toBeLessThanOrEqual(bounds.maxHeaders)
        expect(bytes(kept.body?.json)).toBeLessThanOrEqual(bounds.maxBodyBytes)
        expect(bytes(kept.explanation?.document)).toBeLessThanOrEqual(bounds.maxBodyBytes)
        expect(kept.explanation?.checks.length ?? 0).toBeLessThanOrEqual(bounds.maxPartsPerEntry)
        expect(kept.parts?.length ?? 0).toBeLessThanOrEqual(bounds.maxPartsPerEntry)
        for (const part of kept.parts ?? []) expect(bytes(part.value)).toBeLessThanOrEqual(s)
        // Bounding again changes nothing: what the journal serves is what it counted.
        expect(boundEntry(kept, bounds, kept.seq)).toEqual(kept)
      }),
      { numRuns: 300 },
    )
  })
})
