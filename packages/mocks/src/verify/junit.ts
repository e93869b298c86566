import { shownMismatches, stateErrorLine } from './failure-lines.js'
import { journalLine } from './journal-line.js'
import type { InteractionReport, VerifyReport } from './verify-report.js'

const escapeXml = (text: string): string =>
  // Characters XML 1.0 cannot carry at all are dropped; the five special ones escaped.
  text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(
      /[<>&"']/g,
      (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] as string,
    )

/** The lines a failed interaction's `<failure>` carries: each state error, each difference. */
export function failureLines(interaction: InteractionReport): string[] {
  return [
    ...(interaction.stateErrors ?? []).map(stateErrorLine),
    ...shownMismatches(interaction).map(
      (mismatch) =>
        `${mismatch.type}${mismatch.path === undefined ? '' : ` ${mismatch.path}`}: ${mismatch.message}`,
    ),
  ]
}

function testcase(classname: string, interaction: InteractionReport): string {
  const head = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(interaction.description)}" time="${(interaction.durationMs / 1000).toFixed(3)}"`
  const lines = failureLines(interaction)
  // The mock's journal entry says what the mock was sent and why it answered so (as the printed report).
  const journal =
    interaction.journal === undefined ? [] : [`mock journal: ${journalLine(interaction.journal)}`]
  const text = escapeXml([...lines, ...journal].join('\n'))
  switch (interaction.result) {
    case 'passed':
      return `${head}/>`
    case 'not-run':
      return `${head}>\n      <skipped message="not run by the verifier"/>\n    </testcase>`
    case 'pending-failed':
      return `${head}>\n      <skipped message="pending pact: its failure does not fail the build">${text}</skipped>\n    </testcase>`
    default:
      return `${head}>\n      <failure message="${escapeXml(lines[0] ?? interaction.result)}" type="${interaction.result}">${text}</failure>\n    </testcase>`
  }
}

/** `--junit <file>`: one `<testsuite>` per pact, one `<testcase>` per interaction, built from the JSON report. */
export function toJUnit(report: VerifyReport): string {
  let tests = 0
  let failures = 0
  let errors = 0
  const suites = report.pacts.map((pact) => {
    const classname = `${pact.consumer}.${pact.provider}`
    const cases = pact.interactions.map((interaction) => testcase(classname, interaction))
    const failed = pact.interactions.filter((i) => i.result === 'failed' || i.result === 'state-error').length
    const skipped = pact.interactions.filter(
      (i) => i.result === 'pending-failed' || i.result === 'not-run',
    ).length
    const error = pact.error === undefined ? 0 : 1
    tests += cases.length
    failures += failed
    errors += error
    const time = pact.interactions.reduce((sum, interaction) => sum + interaction.durationMs, 0) / 1000
    const systemErr =
      pact.error === undefined ? '' : `\n    <system-err>${escapeXml(pact.error)}</system-err>`
    return `  <testsuite name="${escapeXml(`${pact.consumer} → ${pact.provider} (${pact.source})`)}" tests="${cases.length}" failures="${failed}" errors="${error}" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.join('\n')}${systemErr}\n  </testsuite>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="crmkit-mocks verify" tests="${tests}" failures="${failures}" errors="${errors}">\n${suites.join('\n')}\n</testsuites>\n`
}
