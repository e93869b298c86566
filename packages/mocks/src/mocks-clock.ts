import type { ClockState, VirtualClock } from '@crmkit/mock-kit'

/**
 * The clock every started service reads (policy and link expiry, timestamps, rate limits), to move from a
 * test: what `POST /__admin/clock` does over HTTP. A refused move throws a RangeError and leaves the clock
 * where it was.
 */
export interface MocksClock {
  /** The services' current time. */
  now(): Date
  /** Forward by an ISO 8601 duration: `PT1H`, `P1D`, `PT30M`, `P1DT2H30M`, `PT0.5S`, `P1M`. */
  advance(duration: string): ClockState
  /** To an instant; the clock runs on from there unless frozen. */
  set(date: Date | string): ClockState
  /** Stops the clock where it is. */
  freeze(): ClockState
  /** Back to real time (the `clock` option's, when one was given). */
  real(): ClockState
  state(): ClockState
}

export function mocksClock(clock: VirtualClock): MocksClock {
  const checked = (result: ReturnType<VirtualClock['advance']>): ClockState => {
    if (!result.ok) throw new RangeError(result.error)
    return result.state
  }
  return {
    now: () => clock(),
    advance: (duration) => checked(clock.advance(duration)),
    set: (date) => checked(clock.set(typeof date === 'string' ? new Date(date) : date)),
    freeze: () => clock.freeze(),
    real: () => clock.real(),
    state: () => clock.state(),
  }
}
