import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock.js'
import { createVirtualClock } from './virtual-clock.js'

const T0 = new Date('2026-03-01T12:00:00.000Z')

describe('createVirtualClock', () => {
  it('runs with its base clock, shifted by what it was moved', () => {
    const base = createManualClock(T0)
    const clock = createVirtualClock(base)
    expect(clock().toISOString()).toBe('2026-03-01T12:00:00.000Z')
    expect(clock.advance('PT1H30M')).toMatchObject({
      ok: true,
      state: { offsetMs: 5_400_000, frozen: false },
    })
    base.advance(1000)
    expect(clock().toISOString()).toBe('2026-03-01T13:30:01.000Z')
    expect(clock.advance('P1DT0.5S')).toMatchObject({ ok: true, state: { now: '2026-03-02T13:30:01.500Z' } })
  })

  it('adds months and years on the UTC calendar', () => {
    const clock = createVirtualClock(createManualClock(new Date('2026-01-31T00:00:00Z')))
    expect(clock.advance('P1M')).toMatchObject({ state: { now: '2026-03-03T00:00:00.000Z' } })
    expect(clock.advance('P1Y2W')).toMatchObject({ state: { now: '2027-03-17T00:00:00.000Z' } })
  })

  it('stands still once frozen, moves while frozen, and goes back to real time', () => {
    const base = createManualClock(T0)
    const clock = createVirtualClock(base)
    clock.advance('PT1M')
    expect(clock.freeze()).toEqual({ now: '2026-03-01T12:01:00.000Z', frozen: true, offsetMs: 60_000 })
    base.advance(5000)
    expect(clock().toISOString()).toBe('2026-03-01T12:01:00.000Z')
    expect(clock.set(new Date('2030-01-01T00:00:00Z'))).toMatchObject({
      state: { now: '2030-01-01T00:00:00.000Z', frozen: true },
    })
    base.advance(5000)
    expect(clock().toISOString()).toBe('2030-01-01T00:00:00.000Z')
    expect(clock.real()).toEqual({ now: '2026-03-01T12:00:10.000Z', frozen: false, offsetMs: 0 })
  })

  it('refuses what is not a forward ISO 8601 duration or a representable time, unchanged', () => {
    const clock = createVirtualClock(createManualClock(T0))
    for (const text of ['1H', 'PT', 'P1H', '', 'P', 'PT1H30'])
      expect(clock.advance(text)).toMatchObject({ ok: false })
    expect(clock.advance('-PT1H')).toEqual({
      ok: false,
      error: 'The clock only moves forward; set it to go back.',
    })
    expect(clock.advance('P300000Y')).toMatchObject({ ok: false })
    expect(clock.set(new Date(Number.NaN))).toMatchObject({ ok: false })
    expect(clock.state()).toEqual({ now: '2026-03-01T12:00:00.000Z', frozen: false, offsetMs: 0 })
  })
})
