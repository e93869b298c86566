import { useEffect, useState } from 'preact/hooks'
import { adminApi } from './admin-api.js'
import type { ClockState } from './admin-types.js'
import { usePoll } from './use-poll.js'

export interface ClockReading {
  /** As `GET /__admin/clock` last answered, or after the page moved it. */
  readonly state: ClockState | undefined
  /** The mocks' time now: the state's, run on locally (unless frozen) between readings. */
  readonly now: string | undefined
  update(state: ClockState): void
}

/** The mocks' one clock, read every 5 s and ticking every second in between. */
export function useClock(generation: number): ClockReading {
  const [reading, setReading] = useState<{ state: ClockState; at: number }>()
  const [, setTick] = useState(0)
  const update = (state: ClockState) => setReading({ state, at: Date.now() })
  usePoll(
    async () => {
      try {
        update(await adminApi.clock())
      } catch {
        // The banner of the health check says why the admin API does not answer.
      }
    },
    5000,
    [generation],
  )
  useEffect(() => {
    const timer = setInterval(() => setTick((value) => value + 1), 1000)
    return () => clearInterval(timer)
  }, [])
  if (reading === undefined) return { state: undefined, now: undefined, update }
  const { state, at } = reading
  const now = state.frozen ? state.now : new Date(Date.parse(state.now) + (Date.now() - at)).toISOString()
  return { state, now, update }
}
