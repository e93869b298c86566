import { useEffect, useRef, useState } from 'preact/hooks'
import { adminApi } from './admin-api.js'
import type { JournalEntry } from './admin-types.js'
import { errorText } from './error-text.js'
import { type JournalFilters, journalQuery, NO_FILTERS } from './journal-filters.js'
import { RequestDetail } from './request-detail.js'
import { RequestFilters } from './request-filters.js'
import { RequestList } from './request-list.js'
import { usePoll } from './use-poll.js'

interface Listing {
  /** Newest first. */
  readonly entries: readonly JournalEntry[]
  readonly dropped: number
  readonly problem?: string | undefined
}

/**
 * The journal of every service of the process, newest first, read once a second: a one-entry read tells
 * whether anything arrived since, and only then is the filtered list read again.
 */
export function RequestsView({ services, generation }: { services: readonly string[]; generation: number }) {
  const [filters, setFilters] = useState<JournalFilters>(NO_FILTERS)
  const [limit, setLimit] = useState(200)
  const [live, setLive] = useState(true)
  const [listing, setListing] = useState<Listing>({ entries: [], dropped: 0 })
  const [selected, setSelected] = useState<JournalEntry>()
  const seen = useRef<string | undefined>(undefined)
  const key = JSON.stringify([filters, limit, generation])
  // After a reset the request shown is gone from the journal.
  useEffect(() => setSelected(undefined), [generation])

  usePoll(
    async () => {
      try {
        const probe = await adminApi.requests(new URLSearchParams({ limit: '1' }))
        const marker = `${probe.requests[0]?.seq ?? 'none'}/${key}`
        if (marker === seen.current) return
        const answer = await adminApi.requests(journalQuery(filters, limit))
        seen.current = marker
        setListing({ entries: [...answer.requests].reverse(), dropped: answer.dropped })
      } catch (error) {
        seen.current = undefined
        setListing((previous) => ({ ...previous, problem: errorText(error) }))
      }
    },
    1000,
    [key],
    live,
  )

  return (
    <div class="split">
      <section class="pane list-pane" aria-label="Requests">
        <RequestFilters services={services} filters={filters} onChange={setFilters} />
        <div class="list-status">
          <label class="check">
            <input
              type="checkbox"
              checked={live}
              onChange={(event) => setLive(event.currentTarget.checked)}
            />
            Live
          </label>
          <span>
            {listing.entries.length} shown
            {listing.dropped > 0 && ` · ${listing.dropped} dropped by the journal's bounds`}
          </span>
          <label>
            Show{' '}
            <select value={limit} onChange={(event) => setLimit(Number(event.currentTarget.value))}>
              {[50, 200, 1000].map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </label>
        </div>
        {listing.problem !== undefined && (
          <p class="error" role="alert">
            {listing.problem}
          </p>
        )}
        <RequestList entries={listing.entries} selected={selected?.seq} onSelect={setSelected} />
      </section>
      <section class="pane detail-pane" aria-label="Request detail">
        {selected === undefined ? (
          <p class="empty">Pick a request to see what was sent and what was answered.</p>
        ) : (
          <RequestDetail entry={selected} />
        )}
      </section>
    </div>
  )
}
