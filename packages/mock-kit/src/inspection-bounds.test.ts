import { describe, expect, it } from 'vitest'
import { boundRecord, newestFirst, RECORD_BOUNDS } from './inspection-bounds.js'

describe('boundRecord', () => {
  it('cuts long strings and long lists, and deep nesting, with markers', () => {
    const long = 'x'.repeat(5000)
    const bounded = boundRecord({
      id: 7,
      text: long,
      tags: Array.from({ length: 60 }, (_, index) => `t${index}`),
      deep: { a: { b: { c: { d: { e: { f: 1 } } } } } },
      none: null,
    }) as Record<string, unknown>
    expect(Buffer.byteLength(bounded.text as string)).toBeLessThanOrEqual(RECORD_BOUNDS.maxStringBytes)
    expect(bounded.text).toMatch(/…\[5000 bytes, truncated\]$/)
    expect(bounded.tags).toHaveLength(51)
    expect((bounded.tags as string[])[50]).toBe('…[10 more]')
    expect(JSON.stringify(bounded.deep)).toBe('{"a":{"b":{"c":{"d":{"e":"…[nested too deep]"}}}}}')
    expect([bounded.id, bounded.none]).toEqual([7, null])
    const wide = boundRecord(
      Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, i])),
    ) as object
    expect(Object.keys(wide)).toHaveLength(201)
    expect(Object.entries(wide).at(-1)).toEqual(['…', '[50 more keys]'])
  })

  it('takes the newest items, newest first', () => {
    expect(newestFirst([1, 2, 3, 4], 2)).toEqual([4, 3])
    expect(newestFirst(new Map([['a', 1]]).values(), 5)).toEqual([1])
  })
})
