import type { BuiltInState } from './built-in-state.js'
import { STATUS_STATE } from './fault-state.js'

export const ANY_STATES: readonly BuiltInState[] = [
  {
    template: 'the clock is {time}',
    provider: 'any',
    since: 1,
    params: { time: 'iso-date' },
    description:
      "Every service's clock set to that instant (it runs on from there): expiry, timestamps, limits.",
    setup: ({ time }, ctx) => {
      ctx.mocks.clock.set(time as string)
    },
  },
  STATUS_STATE,
]
