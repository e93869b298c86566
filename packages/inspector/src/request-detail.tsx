import type { JournalEntry, JournalPart } from './admin-types.js'
import { Explanation } from './explanation.js'
import { dateTime, formatBytes, formatDuration, prettyJson, statusClass } from './format.js'

/** One journal entry: what was asked, what was answered and why. */
export function RequestDetail({ entry }: { entry: JournalEntry }) {
  return (
    <article class="detail" data-seq={entry.seq}>
      <header class="detail-head">
        <h2>
          <span class="method">{entry.method}</span> <code class="path">{entry.path}</code>
        </h2>
        <span class={`status big ${statusClass(entry.status)}`}>{entry.status}</span>
      </header>

      <section class="answer" aria-label="Answer">
        <h3>Answer</h3>
        <dl class="facts">
          <dt>Status</dt>
          <dd class="answer-status">{entry.status}</dd>
          {entry.error !== undefined && (
            <>
              <dt>Vendor error</dt>
              <dd class="answer-error">
                <code class="error-code">{entry.error.code}</code> {entry.error.message}
              </dd>
            </>
          )}
          {entry.fault !== undefined && (
            <>
              <dt>Fault</dt>
              <dd class="answer-fault">
                <span class="tag fault">{entry.fault}</span>{' '}
                {entry.fault === 'reset'
                  ? 'armed through the admin API: the connection was dropped, no answer sent'
                  : "armed through the admin API: answered instead of the vendor's route"}
              </dd>
            </>
          )}
          <dt>Duration</dt>
          <dd>{formatDuration(entry.durationMs)}</dd>
        </dl>
      </section>

      <section aria-label="Request">
        <h3>Request</h3>
        <dl class="facts">
          <dt>Service</dt>
          <dd>
            <span class={`service service-${entry.service}`}>{entry.service}</span> · #{entry.seq}
          </dd>
          <dt>Arrived</dt>
          <dd title={entry.time}>{dateTime(entry.time)}</dd>
          {entry.rpc !== undefined && (
            <>
              <dt>JSON-RPC</dt>
              <dd class="rpc">
                method <code>{entry.rpc.method}</code>, id <code>{JSON.stringify(entry.rpc.id)}</code>
              </dd>
            </>
          )}
        </dl>
      </section>

      {entry.explanation !== undefined && <Explanation explanation={entry.explanation} />}

      {entry.parts !== undefined && <Parts parts={entry.parts} omitted={entry.partsOmitted ?? 0} />}

      {entry.body !== undefined && (
        <section aria-label="JSON body">
          <h3>JSON body</h3>
          <p class="meta">
            {entry.body.contentType} · {formatBytes(entry.body.size)}
          </p>
          <pre class="code">{prettyJson(entry.body.json)}</pre>
        </section>
      )}

      {entry.headers !== undefined && (
        <section aria-label="Headers">
          <h3>Headers</h3>
          <table class="grid headers">
            <tbody>
              {Object.entries(entry.headers).map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </article>
  )
}

/** The multipart body part by part, in the order sent: what a form field held, what a file was. */
function Parts({ parts, omitted }: { parts: readonly JournalPart[]; omitted: number }) {
  return (
    <section aria-label="Multipart parts">
      <h3>Multipart parts</h3>
      <table class="grid parts">
        <thead>
          <tr>
            <th>Name</th>
            <th>Filename</th>
            <th>Type</th>
            <th>Size</th>
            <th>SHA-256</th>
            <th>Value</th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part, index) => (
            <tr key={index} class="part">
              <td class="part-name">{part.name}</td>
              <td class="part-filename">{part.filename ?? ''}</td>
              <td class="part-type">{part.contentType ?? ''}</td>
              <td class="part-size" title={`${part.size} bytes`}>
                {formatBytes(part.size)}
              </td>
              <td class="part-sha256">
                {part.sha256 === undefined ? (
                  ''
                ) : (
                  <code title={part.sha256}>{part.sha256.slice(0, 16)}…</code>
                )}
              </td>
              <td class="part-value">
                <LongText text={part.value ?? ''} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {omitted > 0 && <p class="meta">and {omitted} more parts, counted but not recorded</p>}
    </section>
  )
}

/** A text shown whole when short; a long one (a base64 policy) folded to its start, unfolded on a click. */
function LongText({ text }: { text: string }) {
  if (text.length <= 120) return <>{text}</>
  return (
    <details class="long-text">
      <summary>
        {text.slice(0, 48)}… <span class="meta">({text.length} characters)</span>
      </summary>
      {text}
    </details>
  )
}
