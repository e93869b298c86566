import {
  boundEntry,
  boundPart,
  entryBytes,
  type JournalBounds,
  type JournalOptions,
  resolveJournalBounds,
} from './journal-bounds.js'

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
  /** Path and query as received (cut at the journal's `maxStringBytes`, with a marker). */
  readonly path: string
  readonly status: number
  readonly durationMs: number
  /** For a multipart body, each part in order, up to the journal's `maxPartsPerEntry`. */
  readonly parts?: readonly JournalPart[]
  /** How many parts came after the last one recorded (absent when none). */
  readonly partsOmitted?: number
  /** The injected fault (`/__admin/faults`) that answered it, instead of the vendor's route. */
  readonly fault?: string
}

export interface JournalQuery {
  readonly service?: string | undefined
  readonly method?: string | undefined
  /** Entries whose path starts with this. */
  readonly pathPrefix?: string | undefined
  /** Entries answered with one of these statuses. */
  readonly status?: ((status: number) => boolean) | undefined
  /** Entries that arrived at or after this time. */
  readonly since?: Date | undefined
  /** Entries that arrived before this time. */
  readonly until?: Date | undefined
  /** The most recent `limit` entries that match. */
  readonly limit?: number | undefined
}

export interface RequestJournal {
  /** Keeps `entry` within the bounds (strings cut, parts capped) and returns it as kept. */
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry
  /** Matching entries, oldest first. */
  entries(query?: JournalQuery): JournalEntry[]
  /** How many entries were dropped to stay within the limits since the last `clear()`. */
  readonly dropped: number
  /** What the kept entries cost the byte budget (see `entryBytes`). */
  readonly bytes: number
  /** The limits in force. */
  readonly bounds: JournalBounds
  /** A part as this journal keeps it, for a route that collects parts before its entry is recorded. */
  boundPart(part: JournalPart): JournalPart
  clear(): void
}

/**
 * What a mock was asked, bounded both in entries and in bytes, so memory stays bounded however long a test
 * suite runs against it and whatever a client sends: each string an entry keeps is cut at
 * `maxStringBytes` with a visible marker, each entry records at most `maxPartsPerEntry` parts (and counts
 * the others), and the oldest entries go once there are more than `limit` or they take more than
 * `maxBytes`. The newest entry is always kept. Defaults: `journalDefaults`.
 */
export function createRequestJournal(options: JournalOptions = {}): RequestJournal {
  const bounds = resolveJournalBounds(options)
  let kept: Array<{ entry: JournalEntry; bytes: number }> = []
  let bytes = 0
  let seq = 0
  let dropped = 0
  return {
    record(entry) {
      const recorded = boundEntry({ seq: ++seq, ...entry }, bounds)
      const cost = entryBytes(recorded)
      kept.push({ entry: recorded, bytes: cost })
      bytes += cost
      let oldest = 0
      while (kept.length - oldest > 1 && (kept.length - oldest > bounds.limit || bytes > bounds.maxBytes)) {
        bytes -= kept[oldest]?.bytes ?? 0
        oldest += 1
      }
      if (oldest > 0) {
        dropped += oldest
        kept = kept.slice(oldest)
      }
      return recorded
    },
    entries(query = {}) {
      const matching = kept
        .map(({ entry }) => entry)
        .filter(
          (entry) =>
            (query.service === undefined || entry.service === query.service) &&
            (query.method === undefined || entry.method === query.method.toUpperCase()) &&
            (query.pathPrefix === undefined || entry.path.startsWith(query.pathPrefix)) &&
            (query.status === undefined || query.status(entry.status)) &&
            (query.since === undefined || Date.parse(entry.time) >= query.since.getTime()) &&
            (query.until === undefined || Date.parse(entry.time) < query.until.getTime()),
        )
      return query.limit === undefined ? matching : matching.slice(Math.max(0, matching.length - query.limit))
    },
    get dropped() {
      return dropped
    },
    get bytes() {
      return bytes
    },
    bounds,
    boundPart: (part) => boundPart(part, bounds),
    clear() {
      kept = []
      bytes = 0
      dropped = 0
    },
  }
}
