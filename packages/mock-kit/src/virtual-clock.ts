import type { Clock } from './clock.js'

/** Where a virtual clock stands: its time, and how it got there. */
export interface ClockState {
  /** ISO 8601, to the millisecond. */
  readonly now: string
  /** True while stopped (`freeze`), until `real`. */
  readonly frozen: boolean
  /** How far ahead of its base clock it runs, in milliseconds (0 on real time, unfrozen). */
  readonly offsetMs: number
}

/**
 * The one clock of a process's services, movable while they run (`/__admin/clock`): it runs with its base
 * clock, shifted by an offset, or stands still once frozen. Everything that reads the time — policy and
 * link expiry, timestamps, rate limits — reads it here, so moving it moves all of them together.
 */
export interface VirtualClock extends Clock {
  /** Forward by an ISO 8601 duration (`PT1H`, `P1DT2H`, `P1M`): the calendar's months and years, in UTC. */
  advance(duration: string): ClockResult
  /** To an instant (running on from there unless frozen). */
  set(date: Date): ClockResult
  /** Stops at the current time. */
  freeze(): ClockState
  /** Back to the base clock: no offset, not frozen. */
  real(): ClockState
  state(): ClockState
}

export type ClockResult =
  | { readonly ok: true; readonly state: ClockState }
  | { readonly ok: false; readonly error: string }

/** Later than this, `Date` cannot go (ECMA-262: ±8.64e15 ms around 1970). */
const MAX_TIME = 8.64e15

export function createVirtualClock(base: Clock): VirtualClock {
  let offset = 0
  let frozenAt: number | undefined
  const nowMs = () => frozenAt ?? base().getTime() + offset
  const state = (): ClockState => ({
    now: new Date(nowMs()).toISOString(),
    frozen: frozenAt !== undefined,
    offsetMs: frozenAt === undefined ? offset : frozenAt - base().getTime(),
  })
  const moveTo = (target: number): ClockResult => {
    if (!Number.isFinite(target) || Math.abs(target) > MAX_TIME)
      return { ok: false, error: 'That time is outside what a date can hold.' }
    if (frozenAt !== undefined) frozenAt = target
    else offset = target - base().getTime()
    return { ok: true, state: state() }
  }
  const clock = (() => new Date(nowMs())) as VirtualClock
  clock.advance = (text) => {
    if (text.startsWith('-')) return { ok: false, error: 'The clock only moves forward; set it to go back.' }
    const duration = parseDuration(text)
    if (duration === undefined)
      return {
        ok: false,
        error: `"${text}" is not an ISO 8601 duration (PT1H, P1D, PT30M, P1DT2H30M, PT0.5S).`,
      }
    const at = new Date(nowMs())
    if (duration.years) at.setUTCFullYear(at.getUTCFullYear() + duration.years)
    if (duration.months) at.setUTCMonth(at.getUTCMonth() + duration.months)
    const days = (duration.weeks ?? 0) * 7 + (duration.days ?? 0)
    const ms =
      ((days * 24 + (duration.hours ?? 0)) * 60 + (duration.minutes ?? 0)) * 60_000 +
      (duration.seconds ?? 0) * 1000
    return moveTo(at.getTime() + ms)
  }
  clock.set = (date) => moveTo(date.getTime())
  clock.freeze = () => {
    frozenAt = nowMs()
    return state()
  }
  clock.real = () => {
    offset = 0
    frozenAt = undefined
    return state()
  }
  clock.state = state
  return clock
}

interface Duration {
  readonly years?: number
  readonly months?: number
  readonly weeks?: number
  readonly days?: number
  readonly hours?: number
  readonly minutes?: number
  readonly seconds?: number
}

/**
 * ISO 8601's duration format (`PnYnMnWnDTnHnMnS`, at least one part, a `T` only before a time part, a
 * decimal fraction allowed). Written here rather than taken from a library: the small ones on npm accept
 * trailing text (`PT1H30` read as one hour), and an admin API that moves the clock by less than it was
 * asked would be a silent yes.
 */
const DURATION =
  /^P(?!$)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/

function parseDuration(text: string): Duration | undefined {
  const match = DURATION.exec(text)
  if (match === null) return undefined
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) =>
    part === undefined ? undefined : Number(part),
  )
  return { years, months, weeks, days, hours, minutes, seconds }
}
