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

  it.each([
    ['bytes=0-', 'unsatisfiable'],
    ['bytes=-5', 'unsatisfiable'],
    ['bytes=0-0', 'unsatisfiable'],
    ['bytes=a-b', undefined],
  ])('%s of an empty object is %j (never a range ending before it starts)', (header, expected) => {
    expect(parseByteRange(header, 0)).toEqual(expected)
  })

  it.each([
    ['bytes=99999999999999999999-', 'unsatisfiable'],
    ['bytes=0-99999999999999999999', { start: 0, end: 99 }],
    ['bytes=-99999999999999999999', { start: 0, end: 99 }],
    ['bytes=00010-00019', { start: 10, end: 19 }],
    ['BYTES = 1 - 2', { start: 1, end: 2 }],
    ['bytes=1-2, 3-4', undefined],
    ['bytes=--1', undefined],
    ['bytes=1.5-2', undefined],
    ['bytes=-', undefined],
    ['', undefined],
  ])('%s (huge, padded or odd numbers) of 100 bytes is %j', (header, expected) => {
    expect(parseByteRange(header, 100)).toEqual(expected)
  })
})
