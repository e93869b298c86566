import type { ServiceName } from '../mocks-info.js'
import type { BuiltInState } from './built-in-state.js'
import { normalizeProviderName, PROVIDER_ALIASES } from './provider-routing.js'
import { StateSetupError } from './state-context.js'

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

/**
 * The named fault of each service that answers an HTTP status, in the vendor's own format (FIDELITY.md,
 * "Injected faults"): SharpSpring's error 999 over 500; OnePageCRM's plain-text throttling 403 and its 500;
 * S3's InternalError 500 and ServiceUnavailable 503.
 */
export const STATUS_FAULTS: Readonly<Record<ServiceName, Readonly<Record<number, string>>>> = {
  sharpspring: { 500: 'server-error' },
  onepagecrm: { 403: 'throttle', 500: 'server-error' },
  s3: { 500: 'internal-error', 503: 'service-unavailable' },
}

/** `{service} answers {status}`: the service named as a pact names its provider (`SharpSpring`, `S3`, …). */
export const STATUS_STATE: BuiltInState = {
  template: '{service} answers {status}',
  provider: 'any',
  since: 1,
  params: { service: 'string', status: 'integer' },
  description: `Every call to that service (SharpSpring, OnePageCRM or S3, or a provider name of theirs) answers that status in the vendor's format: ${Object.entries(
    STATUS_FAULTS,
  )
    .map(([service, faults]) => `${service} ${Object.keys(faults).join(', ')}`)
    .join('; ')}.`,
  setup: async ({ service, status }, ctx) => {
    const mock = PROVIDER_ALIASES[normalizeProviderName(service as string)]
    if (mock === undefined)
      throw new StateSetupError(
        `State "{service} answers {status}": {service} is SharpSpring, OnePageCRM or S3, not ${JSON.stringify(service)}.`,
      )
    const fault = STATUS_FAULTS[mock][status as number]
    if (fault === undefined)
      throw new StateSetupError(
        `State "{service} answers {status}": ${service} can answer ${Object.keys(STATUS_FAULTS[mock]).join(' or ')}, not ${status}.`,
      )
    await ctx.admin(mock, 'faults', { service: mock, fault, times: FAULT_TIMES })
    return { service: mock, status }
  },
}
