import type { JournalEntry } from '@crmkit/mock-kit'
import type { ServiceName } from '../mocks-info.js'
import type { PactCoreReport } from './pact-report.js'
import type { PactState } from './pact-source.js'

export const REPORT_SCHEMA = 'crmkit-mocks/verify@1'

export interface MismatchReport {
  readonly type: string
  readonly path?: string
  readonly expected?: unknown
  readonly actual?: unknown
  readonly message: string
}

export interface InteractionReport {
  readonly description: string
  readonly states: readonly PactState[]
  readonly result: 'passed' | 'failed' | 'pending-failed' | 'state-error' | 'not-run'
  readonly durationMs: number
  readonly mismatches: readonly MismatchReport[]
  /** From crmkit's state endpoint: Pact itself only says that a state change handler failed. */
  readonly stateErrors?: readonly { readonly state: string; readonly message: string }[]
  /** The mock's journal entry of the replayed request (a failed interaction's). */
  readonly journal?: JournalEntry
}

export interface PactReport {
  readonly source: string
  readonly consumer: string
  readonly provider: string
  readonly mock: ServiceName
  readonly specification: string
  readonly pending: boolean
  readonly interactions: readonly InteractionReport[]
  /** The pact could not be verified at all (loading it, the verifier itself). */
  readonly error?: string
  readonly notices?: readonly string[]
}

/** `--json <file>`: versioned; `pact` keeps each run's raw pact-core report. */
export interface VerifyReport {
  readonly schema: typeof REPORT_SCHEMA
  readonly vocabulary: number
  readonly result: 'passed' | 'failed'
  readonly exitCode: number
  readonly pacts: readonly PactReport[]
  /** With `--publish`: whether the verifier published the results (it only logs a failure; crmkit reads the log). */
  readonly publication?: { readonly attempted: boolean; readonly ok: boolean; readonly error?: string }
  readonly pact: readonly (PactCoreReport | null)[]
}
