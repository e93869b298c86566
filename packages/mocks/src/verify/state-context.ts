import type { ServiceName } from '../mocks-info.js'
import type { RunningMocks } from '../start-mocks.js'
import type { StateContext } from './define-states.js'
import type { StateRegistry } from './state-registry.js'

/** An error of a state's step, answered to the verifier and kept for the report. */
export class StateSetupError extends Error {}

export interface StateRun {
  readonly registry: StateRegistry
  readonly mocks: RunningMocks
  readonly provider: ServiceName
  readonly consumer: string | undefined
  /** The latest signing time the pact's in-date forms recorded, when crmkit read the pact (files, URLs). */
  readonly recordedSignedAt?: string | undefined
}

/** `POST /__admin/<path>` on a service's own port, as a user's test would. */
async function admin(
  mocks: RunningMocks,
  service: ServiceName,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const info = mocks.info[service]
  if (info === undefined) throw new StateSetupError(`The ${service} mock is not running.`)
  const response = await fetch(`${info.url}/__admin/${path.replace(/^\/+/, '')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok)
    throw new StateSetupError(`POST /__admin/${path} answered ${response.status}: ${text.slice(0, 500)}`)
  return text === '' ? undefined : JSON.parse(text)
}

/**
 * Sets up the state a sentence names, with what its step returns (for `fromProviderState` generators).
 * `teardowns` collects the teardown steps of the states applied, to run before the reset.
 */
export async function applyState(
  run: StateRun,
  sentence: string,
  params: Readonly<Record<string, unknown>>,
  teardowns: Array<() => Promise<unknown>>,
): Promise<Record<string, unknown> | undefined> {
  const resolved = run.registry.resolve(run.provider, sentence, params)
  if (!resolved.ok) throw new StateSetupError(resolved.error)
  const ctx: StateContext = {
    state: sentence,
    provider: run.provider,
    consumer: run.consumer,
    recordedSignedAt: run.recordedSignedAt,
    mocks: run.mocks,
    admin: (service, path, body) => admin(run.mocks, service, path, body),
    apply: (next, nextParams = {}) => applyState(run, next, nextParams, teardowns),
  }
  const { teardown } = resolved.state
  if (teardown !== undefined) teardowns.push(async () => teardown(resolved.params, ctx))
  const returned = await resolved.state.setup(resolved.params, ctx)
  return returned === undefined || returned === null ? undefined : returned
}
