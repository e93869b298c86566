import { shownMismatches, stateErrorLine } from './failure-lines.js'
import { journalLine } from './journal-line.js'
import { failureLines } from './junit.js'
import type { InteractionReport, VerifyReport } from './verify-report.js'

const MOCK_NAMES = { sharpspring: 'SharpSpring', onepagecrm: 'OnePageCRM', s3: 'S3' } as const

const show = (value: unknown): string => {
  const text = value === '' ? '""' : typeof value === 'string' ? value : (JSON.stringify(value) ?? '—')
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}

function interactionLines(interaction: InteractionReport): string[] {
  const mark = { passed: '✓', failed: '✗', 'state-error': '✗', 'pending-failed': '!', 'not-run': '-' }[
    interaction.result
  ]
  const took = interaction.result === 'not-run' ? 'not run' : `${interaction.durationMs} ms`
  const lines = [`  ${mark} ${interaction.description}  (${took})`]
  if (interaction.result === 'passed' || interaction.result === 'not-run') return lines
  for (const state of interaction.states)
    lines.push(
      `      Given ${state.name}${Object.keys(state.params).length === 0 ? '' : ` ${JSON.stringify(state.params)}`}`,
    )
  if (interaction.result === 'pending-failed') lines.push('      (a pending pact: reported, not fatal)')
  for (const error of interaction.stateErrors ?? []) lines.push(`      ${stateErrorLine(error)}`)
  for (const mismatch of shownMismatches(interaction)) {
    const where = mismatch.path === undefined ? '' : ` ${mismatch.path}`
    lines.push(`      ${mismatch.type}${where}: ${mismatch.message}`)
    // Pact's "Expected <actual> (Type) to be equal to <expected>" puts the mock's value first, which
    // reads the wrong way round: such a message always gets the plain line below it.
    const reversed = /^(Type mismatch: )?Expected .* to be /s.test(mismatch.message)
    const said =
      !reversed &&
      mismatch.message.includes(show(mismatch.expected)) &&
      mismatch.message.includes(show(mismatch.actual))
    if ((mismatch.expected !== undefined || mismatch.actual !== undefined) && !said)
      lines.push(`        expected ${show(mismatch.expected)}, the mock answered ${show(mismatch.actual)}`)
  }
  if (interaction.journal !== undefined) lines.push(`      mock journal: ${journalLine(interaction.journal)}`)
  else if (interaction.stateErrors === undefined && failureLines(interaction).length === 0)
    lines.push('      (no difference reported)')
  return lines
}

/** The human report: one block per pact, one line per interaction, the differences of each failure. */
export function printReport(report: VerifyReport, files: { json?: string; junit?: string }): string {
  const interactions = report.pacts.reduce((sum, pact) => sum + pact.interactions.length, 0)
  const lines = [
    `crmkit-mocks verify · vocabulary v${report.vocabulary} · ${report.pacts.length} pact${report.pacts.length === 1 ? '' : 's'} · ${interactions} interaction${interactions === 1 ? '' : 's'}`,
  ]
  for (const pact of report.pacts) {
    lines.push(
      '',
      `${pact.consumer} → ${pact.provider}  (${MOCK_NAMES[pact.mock]} mock, pact ${pact.specification})  ${pact.source}`,
    )
    for (const notice of pact.notices ?? []) lines.push(`  note: ${notice}`)
    for (const interaction of pact.interactions) lines.push(...interactionLines(interaction))
    if (pact.interactions.length === 0 && pact.error === undefined)
      lines.push('  - no interactions in this pact: nothing verified')
    if (pact.error !== undefined) lines.push(`  ✗ ${pact.error}`)
  }
  const passed = report.pacts.reduce(
    (sum, pact) => sum + pact.interactions.filter((interaction) => interaction.result === 'passed').length,
    0,
  )
  if (report.publication !== undefined)
    lines.push(
      '',
      report.publication.ok
        ? 'Results published to the broker.'
        : `Publishing the results failed${report.publication.error === undefined ? '' : `: ${report.publication.error}`}`,
    )
  const outputs = [
    ...(files.json === undefined ? [] : [`JSON ${files.json}`]),
    ...(files.junit === undefined ? [] : [`JUnit ${files.junit}`]),
  ]
  lines.push(
    '',
    [`${passed} of ${interactions} passed`, ...outputs, `exit ${report.exitCode}`].join(' · '),
    '',
  )
  return lines.join('\n')
}
