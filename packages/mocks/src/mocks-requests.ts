import { type JournalEntry, type RequestJournal, readJournalQuery } from '@crmkit/mock-kit'

/** The filters of `mocks.requests()`, the same as `GET /__admin/requests` takes. */
export interface RequestFilter {
  readonly service?: string
  readonly method?: string
  /** Entries whose path starts with this. */
  readonly path?: string
  /** A status (`404`) or a class (`'4xx'`). */
  readonly status?: number | string
  /** The vendor's error code: `'EntityTooLarge'`, `'invalid_request_data'`, `'205'`. */
  readonly code?: string
  /** A SharpSpring JSON-RPC method. */
  readonly rpcMethod?: string
  /** Only entries an injected fault answered (true), or none did (false). */
  readonly fault?: boolean
  /** Only 4xx and 5xx answers. */
  readonly refused?: boolean
  /** Arrived at or after (the services' clock). */
  readonly since?: Date | string
  /** Arrived before. */
  readonly until?: Date | string
  /** The most recent that match. */
  readonly limit?: number
}

/**
 * What the services were asked and answered, oldest first: the journal `GET /__admin/requests` serves, read
 * in process. A filter it cannot read throws a RangeError naming it, as the route answers 400.
 */
export type MocksRequests = (filter?: RequestFilter) => JournalEntry[]

export function mocksRequests(journal: RequestJournal): MocksRequests {
  return (filter = {}) => {
    const params = new URLSearchParams()
    for (const [name, value] of Object.entries(filter)) {
      if (value === undefined) continue
      params.set(name, value instanceof Date ? value.toISOString() : String(value))
    }
    const query = readJournalQuery(params)
    if (!query.ok) throw new RangeError(query.error)
    return journal.entries(query.value)
  }
}
