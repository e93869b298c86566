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
  /** A text part's value (a file part has none), cut at `maxStringBytes`; a secret's is `[redacted]`. */
  readonly value?: string
}

/** A JSON request body as the journal keeps it: secrets redacted, cut at the journal's `maxBodyBytes`. */
export interface JournalBody {
  readonly contentType: string
  /** The body's size in bytes, as received. */
  readonly size: number
  /** The body as JSON text, every secret key's value `[redacted]`. */
  readonly json: string
}

/** The vendor's own error the answer carried (its code as the vendor spells it, and its message). */
export interface JournalError {
  readonly code: string
  readonly message: string
}

/** A JSON-RPC call (SharpSpring): the method and the id the client gave it. */
export interface JournalRpc {
  readonly method: string
  readonly id: string | number | null
}

/** One check a request went through, in the order the vendor makes them. */
export interface JournalCheck {
  /** What was checked, for example a policy condition as written (`["starts-with", "$key", "u/"]`). */
  readonly check: string
  /** `not-reached`: a check after the one that refused the request, which the vendor never makes. */
  readonly outcome: 'passed' | 'failed' | 'not-reached'
  readonly expected?: string | undefined
  readonly got?: string | undefined
}

/** Why a request was accepted or refused, check by check: the S3 POST explainer. */
export interface JournalExplanation {
  /** What was explained, for example `S3 POST policy`. */
  readonly subject: string
  /** The document the checks come from, decoded (a POST policy's JSON), cut at `maxBodyBytes`. */
  readonly document?: string | undefined
  readonly checks: readonly JournalCheck[]
}

/** What a route can add to its request's entry while it answers (see `journalDetail`). */
export interface JournalDetail {
  readonly body?: JournalBody | undefined
  readonly error?: JournalError | undefined
  readonly rpc?: JournalRpc | undefined
  readonly explanation?: JournalExplanation | undefined
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
  /** The request's headers but credentials (`Authorization`, cookies…), whose values are `[redacted]`. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  readonly status: number
  readonly durationMs: number
  /** A JSON body the route read. */
  readonly body?: JournalBody | undefined
  /** The vendor's error code and message, when the answer was one. */
  readonly error?: JournalError | undefined
  /** SharpSpring's JSON-RPC method and id. */
  readonly rpc?: JournalRpc | undefined
  /** The S3 POST explainer: the decoded policy and every check, in S3's order. */
  readonly explanation?: JournalExplanation | undefined
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
  /** Entries whose vendor error code is this one. */
  readonly code?: string | undefined
  /** Entries of this JSON-RPC method (SharpSpring). */
  readonly rpcMethod?: string | undefined
  /** Entries an injected fault answered (true) or that none did (false). */
  readonly fault?: boolean | undefined
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
  // The kept entries are `entries[head…]`, oldest first, with their costs beside them: the oldest go by
  // moving `head` (their slots emptied at once, so that memory follows the bounds), and the emptied front is
  // cut off only once it is as long as what is kept. Dropping one entry per request, as a full journal
  // does, then costs nothing like copying the whole journal each time.
  let entries: Array<JournalEntry | undefined> = []
  let costs: number[] = []
  let head = 0
  let bytes = 0
  let seq = 0
  let dropped = 0
  const kept = () => entries.slice(head) as JournalEntry[]
  return {
    record(entry) {
      seq += 1
      const recorded = boundEntry(entry, bounds, seq)
      const cost = entryBytes(recorded)
      entries.push(recorded)
      costs.push(cost)
      bytes += cost
      const start = head
      while (entries.length - head > 1 && (entries.length - head > bounds.limit || bytes > bounds.maxBytes)) {
        bytes -= costs[head] ?? 0
        entries[head] = undefined
        head += 1
      }
      dropped += head - start
      if (head > 64 && head >= entries.length - head) {
        entries = entries.slice(head)
        costs = costs.slice(head)
        head = 0
      }
      return recorded
    },
    entries(query = {}) {
      const matching = kept().filter(
        (entry) =>
          (query.service === undefined || entry.service === query.service) &&
          (query.method === undefined || entry.method === query.method.toUpperCase()) &&
          (query.pathPrefix === undefined || entry.path.startsWith(query.pathPrefix)) &&
          (query.status === undefined || query.status(entry.status)) &&
          (query.code === undefined || entry.error?.code === query.code) &&
          (query.rpcMethod === undefined || entry.rpc?.method === query.rpcMethod) &&
          (query.fault === undefined || (entry.fault !== undefined) === query.fault) &&
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
      entries = []
      costs = []
      head = 0
      bytes = 0
      dropped = 0
    },
  }
}
