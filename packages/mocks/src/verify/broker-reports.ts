import { stripVTControlCharacters } from 'node:util'
import { distinctStateErrors, mismatchReports } from './interaction-reports.js'
import { durationMs, type PactCoreReport, type PactError, parseInteraction } from './pact-report.js'
import type { CapturedInteraction, StateFailure } from './states-server.js'
import type { InteractionReport } from './verify-report.js'

/** The states an error's interaction text names (`… Given a And b - description`), without their params. */
function statesNamed(error: PactError): string[] | undefined {
  return parseInteraction(error.interaction).states?.split(' And ')
}

/**
 * The interactions of a broker run, from Pact's report (crmkit does not see the broker's pacts before the
 * verifier does) and what the state endpoint captured: the verifier runs them one by one, each with its
 * setup and teardown calls, so the n-th capture is the n-th result's. The pairing is used only when the
 * counts agree and, for a failure, when the states its message names are the capture's; a failed
 * interaction then gets its states' params and the mock's journal entry of its request, as with files.
 */
export function brokerInteractionReports(
  report: PactCoreReport,
  failures: readonly StateFailure[],
  captured: readonly CapturedInteraction[] = [],
): InteractionReport[] {
  const errors = new Map<string, { error: PactError; pending: boolean }>()
  for (const error of report.errors)
    errors.set(parseInteraction(error.interaction).description, { error, pending: false })
  for (const error of report.pendingErrors ?? [])
    errors.set(parseInteraction(error.interaction).description, { error, pending: true })
  const results = report.interactionResults ?? []
  const paired = captured.length === results.length
  return results.map((result, index) => {
    const failed = errors.get(result.description)
    const capture = paired ? captured[index] : undefined
    const base = { description: result.description, durationMs: durationMs(result.duration) }
    if (failed === undefined)
      return {
        ...base,
        states: capture?.given ?? [],
        result: result.result === 'OK' ? 'passed' : 'failed',
        mismatches: [],
      }
    const named = statesNamed(failed.error)
    const fits =
      capture !== undefined &&
      (named ?? []).length === capture.states.length &&
      (named ?? []).every((name, at) => name === capture.states[at])
    const states = fits ? capture.given : (named ?? []).map((name) => ({ name, params: {} }))
    const stateErrors = distinctStateErrors(failures, states)
    // The verifier makes no request after a failed setup: the capture's entries are the states' own.
    const journal = fits && stateErrors.length === 0 ? capture.entries[0] : undefined
    return {
      ...base,
      states,
      result: failed.pending ? 'pending-failed' : stateErrors.length > 0 ? 'state-error' : 'failed',
      mismatches: mismatchReports(failed.error),
      ...(stateErrors.length === 0 ? {} : { stateErrors }),
      ...(journal === undefined ? {} : { journal }),
    }
  })
}

/** The consumers Pact's output names ("Verifying a pact between <consumer> and <provider>"). */
export function consumersInOutput(output: string): string[] {
  const found = new Set<string>()
  for (const [, consumer] of stripVTControlCharacters(output).matchAll(
    /Verifying a pact between (.+?) and /g,
  ))
    found.add(consumer as string)
  return [...found]
}

/** Pact's verifier only logs a failed publication of results: crmkit reads it from the log file. */
export function publicationError(log: string): string | undefined {
  const line = stripVTControlCharacters(log)
    .split('\n')
    .find((text) =>
      /Publishing of verification results failed|Failed to publish verification results/i.test(text),
    )
  return line?.replace(/^.*?(Publishing|Failed)/, '$1').trim()
}
