import type { ServiceName } from '../mocks-info.js'
import type { BuiltInState } from './built-in-state.js'

/** Every fault of a state stays armed for the whole interaction; the teardown's reset clears it. */
const FAULT_TIMES = 1000

/** A vocabulary sentence (v1) that arms `fault` on `service` for every call of the interaction. */
export function faultState(
  template: string,
  service: ServiceName,
  fault: string,
  description: string,
): BuiltInState {
  return {
    template,
    provider: service,
    since: 1,
    description,
    setup: async (_params, ctx) => {
      await ctx.admin(service, 'faults', { service, fault, times: FAULT_TIMES })
    },
  }
}
