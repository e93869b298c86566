import { describe, expect, it } from 'vitest'
import { createCallLimits } from './call-limits.js'

describe('call limits', () => {
  it('refuses the 11th call within a second with 107, and calls past the daily count with 106', () => {
    const limits = createCallLimits({ perSecond: 10, perDay: 12 })
    const at = (ms: number) => new Date(Date.parse('2026-03-01T12:00:00Z') + ms)
    const burst = Array.from({ length: 11 }, (_, i) => limits.take(at(i)))
    expect(burst.slice(0, 10).every((code) => code === undefined)).toBe(true)
    expect(burst[10]).toBe(107)
    expect(limits.take(at(2000))).toBeUndefined()
    expect(limits.take(at(3000))).toBe(106)
    // A new UTC day starts a new count.
    expect(limits.take(at(24 * 3600 * 1000))).toBeUndefined()
  })
})
