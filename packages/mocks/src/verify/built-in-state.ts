import type { ServiceName } from '../mocks-info.js'
import type { StateStep } from './define-states.js'
import type { StateParamType } from './state-params.js'

/** One sentence of crmkit's provider-state vocabulary. */
export interface BuiltInState {
  readonly template: string
  /** The mock whose pacts may use it; `any` for all three. */
  readonly provider: ServiceName | 'any'
  /** The vocabulary version that added it. */
  readonly since: number
  readonly params?: Readonly<Record<string, StateParamType>>
  readonly description: string
  /** What the step returns, for `fromProviderState` generators (documentation). */
  readonly returns?: string
  /** A sentence of crmkit's own contracts kept so their pacts verify: the v1 sentence it stands for. */
  readonly aliasOf?: string
  readonly setup: StateStep
}
