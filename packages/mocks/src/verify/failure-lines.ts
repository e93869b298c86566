import type { InteractionReport, MismatchReport } from './verify-report.js'

type StateError = NonNullable<InteractionReport['stateErrors']>[number]

/**
 * `state "S": why`. The vocabulary's own messages start with the template they belong to (the admin
 * endpoint's answers need it); when that is the sentence already named, it is said once.
 */
export function stateErrorLine(error: StateError): string {
  const prefix = `State "${error.state}": `
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message
  return `state "${error.state}": ${message}`
}

/** Pact's own line for a failed state set-up, which says nothing the state's error does not. */
const SETUP_FAILED = /^One or more of the setup state change handlers has failed$/

/** The differences worth a line: without Pact's generic set-up failure when crmkit has the state's error. */
export function shownMismatches(interaction: InteractionReport): MismatchReport[] {
  if ((interaction.stateErrors ?? []).length === 0) return [...interaction.mismatches]
  return interaction.mismatches.filter(
    (mismatch) => !(mismatch.type === 'Error' && SETUP_FAILED.test(mismatch.message)),
  )
}
