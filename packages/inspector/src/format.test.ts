import { describe, expect, it } from 'vitest'
import {
  cellText,
  dateTime,
  formatBytes,
  formatDuration,
  formatOffset,
  prettyJson,
  statusClass,
  timeOfDay,
} from './format.js'

describe('format', () => {
  it('writes sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MiB')
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB')
  })

  it('writes durations and clock offsets', () => {
    expect(formatDuration(12.34)).toBe('12.3 ms')
    expect(formatDuration(1200)).toBe('1.20 s')
    expect(formatOffset(400)).toBe('real time')
    expect(formatOffset(3_600_000 + 120_000)).toBe('+1 h 2 min')
    expect(formatOffset(-90_061_000)).toBe('−1 d 1 h 1 min 1 s')
  })

  it('reads ISO 8601 times in UTC', () => {
    expect(timeOfDay('2030-01-01T14:03:09.120Z')).toBe('14:03:09.120')
    expect(dateTime('2030-01-01T14:03:09.120Z')).toBe('2030-01-01 14:03:09 UTC')
    expect(dateTime('not a time')).toBe('not a time')
  })

  it('classes statuses, indents JSON and writes cells', () => {
    expect([204, 304, 403, 503, 0].map(statusClass)).toEqual(['s2', 's3', 's4', 's5', 's0'])
    expect(prettyJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}')
    expect(prettyJson('not json')).toBe('not json')
    expect([null, undefined, 'x', 3, { a: 1 }].map(cellText)).toEqual(['', '', 'x', '3', '{"a":1}'])
  })
})
