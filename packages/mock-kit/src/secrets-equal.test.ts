import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { secretsEqual } from './secrets-equal.js'

describe('secretsEqual', () => {
  it('is true exactly when the strings are equal, whatever their lengths and characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        (a, b) => {
          expect(secretsEqual(a, b)).toBe(a === b)
          expect(secretsEqual(b, b)).toBe(true)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('tells a secret from its prefix, its zero-padded self and a wide presented value', () => {
    const key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    expect(secretsEqual(key, key)).toBe(true)
    expect(secretsEqual(key.slice(0, -1), key)).toBe(false)
    expect(secretsEqual(`${key}\0`, key)).toBe(false)
    expect(secretsEqual(key, `${key}\0`)).toBe(false)
    expect(secretsEqual('', '')).toBe(true)
    expect(secretsEqual('\0', '')).toBe(false)
    expect(secretsEqual(key.repeat(10), key)).toBe(false)
    expect(secretsEqual('x'.repeat(300), 'x'.repeat(300))).toBe(true)
    expect(secretsEqual('x'.repeat(300), 'x'.repeat(301))).toBe(false)
    expect(secretsEqual('clé', 'clé')).toBe(true)
    expect(secretsEqual('cle', 'clé')).toBe(false)
  })
})
