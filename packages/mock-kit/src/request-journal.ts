/** One multipart part as the journal keeps it: what was sent, never the bytes. */
export interface JournalPart {
  readonly name: string
  readonly filename?: string | undefined
  readonly contentType?: string | undefined
  readonly size: number
  /** Hex SHA-256 of the part's bytes, to compare with the file the client meant to send (absent when digests are off). */
  readonly sha256?: string
}

export interface JournalEntry {
  /** 1, 2, 3…: the order requests finished in, across every service of the mock. */
  readonly seq: number
  /** Which server of the mock answered (for example `api` or `s3`). */
  readonly service: string
  /** When the request arrived (the mock's clock), ISO 8601. */
  readonly time: string
  readonly method: string
  /** Path and query as received. */
  readonly path: string
  readonly status: number
  readonly durationMs: number
  /** For a multipart body, each part in order. */
  readonly parts?: readonly JournalPart[]
}

export interface JournalQuery {
  readonly service?: string | undefined
  readonly method?: string | undefined
  /** Entries whose path starts with this. */
  readonly pathPrefix?: string | undefined
  /** The most recent `limit` entries that match. */
  readonly limit?: number | undefined
}

export interface RequestJournal {
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry
  /** Matching entries, oldest first. */
  entries(query?: JournalQuery): JournalEntry[]
  /** How many entries were dropped to stay within the limit since the last `clear()`. */
  readonly dropped: number
  clear(): void
}

/**
 * What a mock was asked, newest `limit` requests kept (default 1000), so memory stays bounded however long
 * a test suite runs against it.
 */
export function createRequestJournal(options: { limit?: number } = {}): RequestJournal {
  const limit = options.limit ?? 1000
  let entries: JournalEntry[] = []
  let seq = 0
  let dropped = 0
  return {
    record(entry) {
      const recorded = { seq: ++seq, ...entry }
      entries.push(recorded)
      if (entries.length > limit) {
        dropped += entries.length - limit
        entries = entries.slice(entries.length - limit)
      }
      return recorded
    },
    entries(query = {}) {
      const matching = entries.filter(
        (entry) =>
          (query.service === undefined || entry.service === query.service) &&
          (query.method === undefined || entry.method === query.method.toUpperCase()) &&
          (query.pathPrefix === undefined || entry.path.startsWith(query.pathPrefix)),
      )
      return query.limit === undefined ? matching : matching.slice(Math.max(0, matching.length - query.limit))
    },
    get dropped() {
      return dropped
    },
    clear() {
      entries = []
      dropped = 0
    },
  }
}
