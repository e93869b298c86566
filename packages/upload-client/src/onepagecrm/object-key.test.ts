import { describe, expect, it } from 'vitest'
import { InvalidOptionsError } from '../errors/usage-errors.js'
import { keyStamps, objectKey } from './object-key.js'

const CONTACT = '5ae06ef9d55673108fe8877f'
const PATTERN = `${CONTACT}/__timestamp__/\${filename}`
// 2023-10-13T16:33:00.123Z, the tutorial's second and a millisecond within it.
const AT = new Date(1_697_214_780_123)
const sequence = (...values: number[]) => {
  let i = 0
  return () => values[i++ % values.length] as number
}

describe('keyStamps', () => {
  it('is the Unix milliseconds and six random digits, the digits drawn below 1 000 000', () => {
    const maxes: number[] = []
    const stamp = keyStamps(
      () => AT,
      (max) => {
        maxes.push(max)
        return 42
      },
    )
    expect(stamp()).toBe('1697214780123000042')
    expect(maxes).toEqual([1_000_000])
  })

  it('keeps two processes apart within one millisecond by the random digits', () => {
    const one = keyStamps(() => AT, sequence(314_159))
    const two = keyStamps(() => AT, sequence(271_828))
    expect(one()).toBe('1697214780123314159')
    expect(two()).toBe('1697214780123271828')
  })

  it('never gives one client the same stamp twice, even with a frozen clock and the same random digits', () => {
    const stamp = keyStamps(() => AT, sequence(999_999))
    const stamps = Array.from({ length: 3 }, () => stamp())
    expect(stamps).toEqual(['1697214780123999999', '1697214780124000000', '1697214780124000001'])
  })

  it('goes on from the clock once it moves past the stamps given', () => {
    let now = AT
    const stamp = keyStamps(() => now, sequence(7, 3))
    expect(stamp()).toBe('1697214780123000007')
    now = new Date(AT.getTime() + 1)
    expect(stamp()).toBe('1697214780124000003')
  })

  it('refuses a random source or clock it cannot make a stamp of', () => {
    for (const bad of [-1, 1_000_000, 0.5, Number.NaN]) {
      expect(keyStamps(() => AT, sequence(bad))).toThrow(InvalidOptionsError)
    }
    expect(keyStamps(() => new Date(Number.NaN), sequence(0))).toThrow(/^clock: /)
  })
})

describe('objectKey', () => {
  it("fills OnePageCRM's x-ignore-pattern with the stamp and the file's name", () => {
    expect(objectKey(PATTERN, '1697214780123000042', 'report.pdf')).toBe(
      `${CONTACT}/1697214780123000042/report.pdf`,
    )
  })

  it('puts a name holding replacement patterns in as it is', () => {
    expect(objectKey(PATTERN, '1', "a$&b$'c$`.txt")).toBe(`${CONTACT}/1/a$&b$'c$\`.txt`)
  })

  it('refuses a pattern without __timestamp__: every upload of a name would share its key', () => {
    expect(() => objectKey(`${CONTACT}/\${filename}`, '1', 'a.txt')).toThrow(InvalidOptionsError)
  })
})
