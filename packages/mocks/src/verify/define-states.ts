import type { ServiceName } from '../mocks-info.js'
import type { RunningMocks } from '../start-mocks.js'
import type { StateParamType } from './state-params.js'

export type { StateParamType } from './state-params.js'

/** What a provider state's step gets besides its parameters. */
export interface StateContext {
  /** The sentence as the pact wrote it. */
  readonly state: string
  /** The mock the pact is verified against. */
  readonly provider: ServiceName
  readonly consumer: string | undefined
  /**
   * When the pact's recorded requests under `the upload form is in date` were signed (the latest
   * X-Amz-Date of their forms, presigned URLs or signed headers): known when `verify` read the pact (files
   * and URLs), undefined with a broker or at `POST /__admin/provider-states`.
   */
  readonly recordedSignedAt?: string | undefined
  /** The running mocks: URLs, credentials, demo ids, `clock`, `requests()`, `reset()`. */
  readonly mocks: RunningMocks
  /** `POST /__admin/<path>` on that service's port (`seed`, `faults`, `clock`, `reset`); resolves its JSON. */
  admin(service: ServiceName, path: string, body?: unknown): Promise<unknown>
  /** Applies another state (a built-in one, or one of the same module): composes states. */
  apply(sentence: string, params?: Record<string, unknown>): Promise<Record<string, unknown> | undefined>
}

/**
 * Sets a state up. A returned map is what Pact's `fromProviderState` generators read
 * (`${id}` in a recorded path becomes the id the state made).
 */
export type StateStep = (
  params: Record<string, unknown>,
  ctx: StateContext,
  // biome-ignore lint/suspicious/noConfusingVoidType: an async step that returns nothing is the usual one.
) => void | Record<string, unknown> | undefined | Promise<void | Record<string, unknown> | undefined>

export interface StateDefinition {
  readonly setup: StateStep
  /** Runs before the mocks' reset, after the interaction. */
  readonly teardown?: StateStep
  /** Types of the sentence's `{params}` (`string` when not given). */
  readonly params?: Readonly<Record<string, StateParamType>>
  readonly description?: string
  /** Replace a built-in sentence of the same shape instead of refusing the module. */
  readonly override?: boolean
}

/** A consumer's own states, loaded by `crmkit-mocks verify --states ./states.js`. */
export interface StatesModule {
  /** The crmkit vocabulary the module was written for (`1`). */
  readonly vocabulary?: number
  /** Sentence templates with `{params}` → a step, or a definition. */
  readonly states: Readonly<Record<string, StateStep | StateDefinition>>
}

export type StatesModuleFactory = (ctx: {
  readonly mocks: RunningMocks
}) => StatesModule | Promise<StatesModule>

/** Identity: gives an editor the types of a states module (`export default defineStates({...})`). */
export function defineStates<M extends StatesModule | StatesModuleFactory>(module: M): M {
  return module
}
