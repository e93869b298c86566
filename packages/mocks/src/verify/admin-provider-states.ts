import type { ProviderStatesHandler } from '@crmkit/mock-kit'
import { SERVICE_NAMES, type ServiceName } from '../mocks-info.js'
import type { RunningMocks } from '../start-mocks.js'
import { createStateRegistry } from './state-registry.js'
import { createStatesEndpoint, type StatesEndpoint } from './states-endpoint.js'
import { BUILT_IN_STATES, VOCABULARY_VERSION } from './vocabulary.js'

/**
 * `POST /__admin/provider-states` of started mocks: crmkit's state vocabulary (the latest) for any Pact
 * verifier (pact-jvm, pact-python, `pact_verifier_cli`) pointed at a mock's port, whose service decides
 * which sentences apply. Nothing is kept for a report.
 */
export function adminProviderStates(mocks: RunningMocks): ProviderStatesHandler {
  const registry = createStateRegistry(BUILT_IN_STATES, VOCABULARY_VERSION)
  const endpoints = new Map<ServiceName, StatesEndpoint>()
  return async (service, change) => {
    if (!(SERVICE_NAMES as readonly string[]).includes(service))
      return { status: 400, body: { error: `No provider states for service ${service}.` } }
    const provider = service as ServiceName
    let endpoint = endpoints.get(provider)
    if (endpoint === undefined) {
      endpoint = createStatesEndpoint(
        { registry, mocks, provider, consumer: undefined },
        { keepJournal: false },
      )
      endpoints.set(provider, endpoint)
    }
    return endpoint.handle(change)
  }
}
