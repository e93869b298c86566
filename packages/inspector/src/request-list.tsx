import type { JournalEntry } from './admin-types.js'
import { statusClass, timeOfDay } from './format.js'

/** The journal's entries, newest first: one line each, the vendor's error code and a fault called out. */
export function RequestList({
  entries,
  selected,
  onSelect,
}: {
  entries: readonly JournalEntry[]
  selected: number | undefined
  onSelect: (entry: JournalEntry) => void
}) {
  if (entries.length === 0)
    return <p class="empty">No request yet. Send one to any mock port: it shows here within a second.</p>
  return (
    <ol class="requests">
      {entries.map((entry) => (
        <li key={entry.seq}>
          <button
            type="button"
            class={entry.seq === selected ? 'request selected' : 'request'}
            aria-pressed={entry.seq === selected}
            data-seq={entry.seq}
            onClick={() => onSelect(entry)}
          >
            <span class="seq">#{entry.seq}</span>
            <span class="time" title={entry.time}>
              {timeOfDay(entry.time)}
            </span>
            <span class={`service service-${entry.service}`}>{entry.service}</span>
            <span class="method">{entry.method}</span>
            <span class="path" title={entry.path}>
              {pathOnly(entry.path)}
            </span>
            <span class="badges">
              {entry.rpc !== undefined && <span class="tag rpc">{entry.rpc.method}</span>}
              {entry.fault !== undefined && <span class="tag fault">fault: {entry.fault}</span>}
              {entry.error !== undefined && <span class="tag code">{entry.error.code}</span>}
              <span class={`status ${statusClass(entry.status)}`}>{entry.status}</span>
            </span>
          </button>
        </li>
      ))}
    </ol>
  )
}

/** The path without its query (the whole of it is the line's title and in the detail). */
const pathOnly = (path: string) => {
  const query = path.indexOf('?')
  return query < 0 ? path : path.slice(0, query)
}
