import { useState } from 'preact/hooks'
import { adminApi } from './admin-api.js'
import type { RecordGroup } from './admin-types.js'
import { cellText } from './format.js'
import { usePolledAnswer } from './use-polled-answer.js'

const LIMIT = 100

/** What each service holds now: leads, products, contacts, notes, attachments, the storage quota… */
export function RecordsView({ generation }: { generation: number }) {
  const { answer, problem } = usePolledAnswer(() => adminApi.records(LIMIT), 3000, [generation])
  return (
    <section class="page" aria-label="Records">
      <header class="page-head">
        <h2>Records</h2>
        <p class="meta">Newest first, {LIMIT} at most per kind. Click a row for the whole record.</p>
      </header>
      {problem !== undefined && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {answer?.services.map(({ service, groups }) => (
        <section key={service} class="service-records" aria-label={service}>
          <h3>
            <span class={`service service-${service}`}>{service}</span>
          </h3>
          {groups.map((group) => (
            <RecordTable key={group.name} group={group} />
          ))}
        </section>
      ))}
    </section>
  )
}

function RecordTable({ group }: { group: RecordGroup }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set())
  const toggle = (index: number) =>
    setOpen((previous) => {
      const next = new Set(previous)
      if (!next.delete(index)) next.add(index)
      return next
    })
  return (
    <details class="record-group" data-group={group.name} open>
      <summary>
        {group.title} <span class="count">{group.total}</span>
        {group.total > group.rows.length && <span class="meta"> (the newest {group.rows.length})</span>}
      </summary>
      {group.rows.length > 0 && (
        <div class="table-scroll">
          <table class="grid records">
            <thead>
              <tr>
                {group.columns.map((column) => (
                  <th key={column}>{column}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {group.rows.flatMap((row, index) => [
                <tr
                  key={`row-${index}`}
                  class="record"
                  tabIndex={0}
                  onClick={() => toggle(index)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault()
                      toggle(index)
                    }
                  }}
                >
                  {group.columns.map((column) => (
                    <td key={column} title={cellText(row[column])}>
                      {cellText(row[column])}
                    </td>
                  ))}
                </tr>,
                open.has(index) && (
                  <tr key={`json-${index}`} class="record-json">
                    <td colSpan={group.columns.length}>
                      <pre class="code">{JSON.stringify(row, null, 2)}</pre>
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        </div>
      )}
    </details>
  )
}
