import { stripVTControlCharacters } from 'node:util'
import { mismatchReports } from './interaction-reports.js'
import { durationMs, type PactCoreReport, type PactError, parseInteraction } from './pact-report.js'
import type { StateFailure } from './states-server.js'
import type { InteractionReport } from './verify-report.js'

/**
 * The interactions of a broker run, from Pact's report alone (crmkit does not see the broker's pacts
 * before the verifier does): in the verifier's order, with each failure's states as its message names them.
 */
export function brokerInteractionReports(
  report: PactCoreReport,
  failures: readonly StateFailure[],
): InteractionReport[] {
  const errors = new Map<string, { error: PactError; pending: boolean }>()
  for (const error of report.errors)
    errors.set(parseInteraction(error.interaction).description, { error, pending: false })
  for (const error of report.pendingErrors ?? [])
    errors.set(parseInteraction(error.interaction).description, { error, pending: true })
  return (report.interactionResults ?? []).map((result) => {
    const failed = errors.get(result.description)
    const base = { description: result.description, durationMs: durationMs(result.duration) }
    if (failed === undefined)
      return { ...base, states: [], result: result.result === 'OK' ? 'passed' : 'failed', mismatches: [] }
    const given = parseInteraction(failed.error.interaction).states
    const states = given === undefined ? [] : given.split(', ').map((name) => ({ name, params: {} }))
    const stateErrors = [
      ...new Map(
        failures
          .filter((failure) => given?.includes(failure.state))
          .map(({ state, message }) => [`${state}\n${message}`, { state, message }]),
      ).values(),
    ]
    return {
      ...base,
      states,
      result: failed.pending ? 'pending-failed' : stateErrors.length > 0 ? 'state-error' : 'failed',
      mismatches: mismatchReports(failed.error),
      ...(stateErrors.length === 0 ? {} : { stateErrors }),
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
