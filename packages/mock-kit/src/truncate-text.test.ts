import { describe, expect, it } from 'vitest'
import { truncateText } from './truncate-text.js'

describe('truncateText', () => {
  it('keeps short text, and cuts long text to the byte limit with a visible marker, idempotently', () => {
    expect(truncateText('short', 64)).toBe('short')
    const cut = truncateText('x'.repeat(15_000), 64)
    expect(cut).toMatch(/^x+…\[15000 bytes, truncated\]$/)
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(64)
    expect(truncateText(cut, 64)).toBe(cut)
  })

  it('never splits a character', () => {
    const cut = truncateText('€'.repeat(100), 64)
    expect(cut).toMatch(/^€+…\[300 bytes, truncated\]$/)
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(64)
  })
})
