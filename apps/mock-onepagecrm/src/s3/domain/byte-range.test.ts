import { describe, expect, it } from 'vitest'
import { parseByteRange } from './byte-range.js'

describe('parseByteRange', () => {
  it.each([
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=5-', { start: 5, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=90-500', { start: 90, end: 99 }],
    ['bytes=100-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-1,5-6', undefined],
    ['items=0-1', undefined],
    ['bytes=9-2', undefined],
    [undefined, undefined],
  ])('%s of 100 bytes is %j', (header, expected) => {
    expect(parseByteRange(header, 100)).toEqual(expected)
  })
})
