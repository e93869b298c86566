import { useRef } from 'preact/hooks'
import type { JournalExplanation } from './admin-types.js'
import { prettyJson } from './format.js'

const OUTCOME_LABELS = { passed: 'passed', failed: 'failed', 'not-reached': 'not reached' } as const

/**
 * Why a request was accepted or refused, check by check in the vendor's order (the S3 POST explainer): the
 * check that refused it highlighted, the ones after it never made.
 */
export function Explanation({ explanation }: { explanation: JournalExplanation }) {
  const failedAt = explanation.checks.findIndex((check) => check.outcome === 'failed')
  const failed = explanation.checks[failedAt]
  const failedRow = useRef<HTMLTableRowElement>(null)
  return (
    <section class="explanation" aria-label={explanation.subject}>
      <h3>{explanation.subject}</h3>
      {failed === undefined ? (
        <p class="verdict passed">Every check passed.</p>
      ) : (
        <p class="verdict failed">
          Refused at check {failedAt + 1} of {explanation.checks.length}: <code>{failed.check}</code>{' '}
          <button
            type="button"
            class="button link"
            onClick={() => failedRow.current?.scrollIntoView({ block: 'center', behavior: 'smooth' })}
          >
            show it
          </button>
        </p>
      )}
      <table class="grid checks">
        <thead>
          <tr>
            <th>#</th>
            <th>Check</th>
            <th>Outcome</th>
            <th>Expected</th>
            <th>Got</th>
          </tr>
        </thead>
        <tbody>
          {explanation.checks.map((check, index) => (
            <tr
              key={index}
              ref={index === failedAt ? failedRow : undefined}
              class={`check ${check.outcome}`}
              data-outcome={check.outcome}
            >
              <td>{index + 1}</td>
              <td class="check-what">
                <code>{check.check}</code>
              </td>
              <td class="check-outcome">
                <span class={`outcome ${check.outcome}`}>{OUTCOME_LABELS[check.outcome]}</span>
              </td>
              <td class="check-expected">{check.expected ?? ''}</td>
              <td class="check-got">{check.got ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {explanation.document !== undefined && (
        <details class="document" open>
          <summary>The document, decoded</summary>
          <pre class="code">{prettyJson(explanation.document)}</pre>
        </details>
      )}
    </section>
  )
}
