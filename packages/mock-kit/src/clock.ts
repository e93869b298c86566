import { randomBytes as nodeRandomBytes } from 'node:crypto'

/** The time source every mock takes, so expiry and contracts can be made deterministic in tests. */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/** A clock that stands still until moved: `clock.set(date)`, `clock.advance(ms)`. */
export interface ManualClock extends Clock {
  set(date: Date): void
  advance(milliseconds: number): void
}

export function createManualClock(start: Date): ManualClock {
  let now = start.getTime()
  const clock = (() => new Date(now)) as ManualClock
  clock.set = (date) => {
    now = date.getTime()
  }
  clock.advance = (milliseconds) => {
    now += milliseconds
  }
  return clock
}

/** The randomness source every mock takes (request ids, object ids). */
export type RandomBytes = (size: number) => Uint8Array

export const cryptoRandomBytes: RandomBytes = (size) => nodeRandomBytes(size)

/** Repeatable bytes from a seed (a xorshift stream), for tests and recorded contracts. */
export function createSeededRandom(seed: number): RandomBytes {
  let state = seed >>> 0 || 0x9e3779b9
  return (size) => {
    const bytes = new Uint8Array(size)
    for (let i = 0; i < size; i++) {
      state ^= state << 13
      state ^= state >>> 17
      state ^= state << 5
      bytes[i] = state & 0xff
    }
    return bytes
  }
}
