import { describe, expect, it } from 'vitest'
import { isTimeZone, utcToZone, zoneOfVersion, zoneToUtc } from './time-zone.js'

describe('time zones', () => {
  it('gives v1 the account zone and v1.2 UTC', () => {
    expect(zoneOfVersion('v1', 'America/New_York')).toBe('America/New_York')
    expect(zoneOfVersion('v1.2', 'America/New_York')).toBe('UTC')
  })

  it('knows IANA zones and nothing else', () => {
    expect(isTimeZone('America/New_York')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(isTimeZone('')).toBe(false)
    expect(isTimeZone(' UTC')).toBe(false)
  })

  it('converts both ways, winter and summer', () => {
    expect(utcToZone('2026-01-15 17:00:00', 'America/New_York')).toBe('2026-01-15 12:00:00')
    expect(utcToZone('2026-07-15 16:00:00', 'America/New_York')).toBe('2026-07-15 12:00:00')
    expect(zoneToUtc('2026-01-15 12:00:00', 'America/New_York')).toBe('2026-01-15 17:00:00')
    expect(zoneToUtc('2026-07-15 12:00:00', 'America/New_York')).toBe('2026-07-15 16:00:00')
    expect(utcToZone('2026-01-01 00:00:00', 'UTC')).toBe('2026-01-01 00:00:00')
  })

  it('reads a skipped wall time as after the gap and a repeated one as its first occurrence', () => {
    expect(zoneToUtc('2026-03-08 02:30:00', 'America/New_York')).toBe('2026-03-08 07:30:00')
    expect(zoneToUtc('2026-11-01 01:30:00', 'America/New_York')).toBe('2026-11-01 05:30:00')
  })

  it('refuses what is not a real date-time', () => {
    expect(zoneToUtc('2026-02-30 00:00:00', 'America/New_York')).toBeUndefined()
    expect(zoneToUtc('2026-01-01 24:00:00', 'UTC')).toBeUndefined()
    expect(zoneToUtc('2026-01-01', 'UTC')).toBeUndefined()
  })
})
