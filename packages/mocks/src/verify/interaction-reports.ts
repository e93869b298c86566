import type { JournalEntry } from '@crmkit/mock-kit'
import { withPactNulls } from './pact-null.js'
import { durationMs, type PactCoreReport, type PactError, parseInteraction } from './pact-report.js'
import type { PactInteraction } from './pact-source.js'
import type { CapturedInteraction, StateFailure } from './states-server.js'
import type { InteractionReport, MismatchReport } from './verify-report.js'

/** Pact's differences (or its error) as the report lists them. */
export function mismatchReports(error: PactError): MismatchReport[] {
  if (error.mismatch.type === 'error') return [{ type: 'Error', message: error.mismatch.message }]
  return error.mismatch.mismatches.map(withPactNulls).map((mismatch) => ({
    type: mismatch.type,
    ...(mismatch.path === undefined || mismatch.path === '' ? {} : { path: mismatch.path }),
    ...(mismatch.key === undefined ? {} : { path: mismatch.key }),
    ...(mismatch.expected === undefined ? {} : { expected: mismatch.expected }),
    ...(mismatch.actual === undefined ? {} : { actual: mismatch.actual }),
    message: mismatch.mismatch ?? `${mismatch.type}`,
  }))
}

const pathname = (path: string) => path.split('?')[0] ?? path

/**
 * The journal entry of an interaction's request: among the requests made under the same states (in the
 * order the verifier ran them), the first not yet claimed with the same method and path.
 */
function journalEntry(
  interaction: PactInteraction,
  captured: readonly CapturedInteraction[],
  claimed: Set<JournalEntry>,
): JournalEntry | undefined {
  const names = interaction.states.map((state) => state.name)
  const sameStates = (group: CapturedInteraction) =>
    group.states.length === names.length && group.states.every((name, index) => name === names[index])
  const fits = (entry: JournalEntry) =>
    !claimed.has(entry) &&
    entry.method === interaction.method &&
    pathname(entry.path) === pathname(interaction.path)
  for (const group of captured.filter(sameStates)) {
    const entry = group.entries.find(fits)
    if (entry !== undefined) {
      claimed.add(entry)
      return entry
    }
  }
  return undefined
}

/** Pact's report of one pact, in the pact's own order, with crmkit's state errors and journal entries. */
/** The setup failures of `states`, each distinct error once: the verifier retries a failed setup. */
export function distinctStateErrors(
  failures: readonly StateFailure[],
  states: readonly { readonly name: string }[],
): { readonly state: string; readonly message: string }[] {
  const names = new Set(states.map((state) => state.name))
  return [
    ...new Map(
      failures
        .filter((failure) => names.has(failure.state))
        .map(({ state, message }) => [`${state}\n${message}`, { state, message }]),
    ).values(),
  ]
}

export function interactionReports(
  interactions: readonly PactInteraction[],
  report: PactCoreReport,
  failures: readonly StateFailure[],
  captured: readonly CapturedInteraction[],
): InteractionReport[] {
  const results = new Map((report.interactionResults ?? []).map((result) => [result.description, result]))
  const errors = new Map<string, { error: PactError; pending: boolean }>()
  for (const error of report.errors)
    errors.set(parseInteraction(error.interaction).description, { error, pending: false })
  for (const error of report.pendingErrors ?? [])
    errors.set(parseInteraction(error.interaction).description, { error, pending: true })
  const claimed = new Set<JournalEntry>()
  return interactions.map((interaction) => {
    const result = results.get(interaction.description)
    const failed = errors.get(interaction.description)
    const base = {
      description: interaction.description,
      states: interaction.states,
      durationMs: durationMs(result?.duration),
    }
    if (failed === undefined && result === undefined) return { ...base, result: 'not-run', mismatches: [] }
    if (failed === undefined && result?.result === 'OK') return { ...base, result: 'passed', mismatches: [] }
    const stateErrors = distinctStateErrors(failures, interaction.states)
    const stateFailed =
      stateErrors.length > 0 &&
      failed?.error.mismatch.type === 'error' &&
      /state change/i.test(failed.error.mismatch.message)
    const journal = journalEntry(interaction, captured, claimed)
    return {
      ...base,
      result: failed?.pending === true ? 'pending-failed' : stateFailed ? 'state-error' : 'failed',
      mismatches: failed === undefined ? [] : mismatchReports(failed.error),
      ...(stateErrors.length === 0 ? {} : { stateErrors }),
      ...(journal === undefined ? {} : { journal }),
    }
  })
}
