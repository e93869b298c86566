import type { JournalBody, JournalEntry, JournalExplanation, JournalPart } from './request-journal.js'
import { truncateText } from './truncate-text.js'

/** How much a request journal keeps; every field optional, see {@link journalDefaults}. */
export interface JournalOptions {
  /** Entries kept; the oldest go first. */
  readonly limit?: number | undefined
  /** Bytes all kept entries may take, counted by {@link entryBytes}; the oldest go first. */
  readonly maxBytes?: number | undefined
  /**
   * Longest string an entry keeps (path, names, filenames, content types, header and text part values), in
   * UTF-8 bytes, marker included.
   */
  readonly maxStringBytes?: number | undefined
  /** Parts recorded per entry; those past it are only counted, in `partsOmitted`. */
  readonly maxPartsPerEntry?: number | undefined
  /** Headers recorded per entry, in the order received; the rest are dropped. */
  readonly maxHeaders?: number | undefined
  /** Longest JSON body (and decoded S3 policy) an entry keeps, in UTF-8 bytes, marker included. */
  readonly maxBodyBytes?: number | undefined
}

export type JournalBounds = { readonly [K in keyof JournalOptions]-?: number }

/**
 * What a journal keeps unless told otherwise. One entry keeps at most about
 * `maxPartsPerEntry × (4 × maxStringBytes + PART_OVERHEAD) + maxHeaders × 2 × maxStringBytes + 2 ×
 * maxBodyBytes` bytes (some 2 MB), and all of them together stay within `maxBytes` (16 MiB), however many
 * requests, headers or parts a client sends.
 */
export const journalDefaults: JournalBounds = {
  limit: 1000,
  maxBytes: 16 * 1024 * 1024,
  maxStringBytes: 2048,
  maxPartsPerEntry: 200,
  maxHeaders: 64,
  maxBodyBytes: 64 * 1024,
}

// Rough cost of an entry's and a part's object besides their strings, so that many small entries count too.
const ENTRY_OVERHEAD = 256
const PART_OVERHEAD = 128

/** Options with defaults filled in; a string limit below 64 bytes would leave nothing but the marker. */
export function resolveJournalBounds(options: JournalOptions = {}): JournalBounds {
  return {
    limit: options.limit ?? journalDefaults.limit,
    maxBytes: options.maxBytes ?? journalDefaults.maxBytes,
    maxStringBytes: Math.max(64, options.maxStringBytes ?? journalDefaults.maxStringBytes),
    maxPartsPerEntry: options.maxPartsPerEntry ?? journalDefaults.maxPartsPerEntry,
    maxHeaders: options.maxHeaders ?? journalDefaults.maxHeaders,
    maxBodyBytes: Math.max(64, options.maxBodyBytes ?? journalDefaults.maxBodyBytes),
  }
}

/** A part with each of its strings cut to `maxStringBytes` (visibly: see `truncateText`). */
export function boundPart(part: JournalPart, bounds: JournalBounds): JournalPart {
  const cut = (text: string) => truncateText(text, bounds.maxStringBytes)
  return {
    ...part,
    name: cut(part.name),
    ...(part.filename === undefined ? {} : { filename: cut(part.filename) }),
    ...(part.contentType === undefined ? {} : { contentType: cut(part.contentType) }),
    ...(part.sha256 === undefined ? {} : { sha256: cut(part.sha256) }),
    ...(part.value === undefined ? {} : { value: cut(part.value) }),
  }
}

function boundBody(body: JournalBody, bounds: JournalBounds): JournalBody {
  return {
    contentType: truncateText(body.contentType, bounds.maxStringBytes),
    size: body.size,
    json: truncateText(body.json, bounds.maxBodyBytes),
  }
}

function boundExplanation(explanation: JournalExplanation, bounds: JournalBounds): JournalExplanation {
  const cut = (text: string | undefined) =>
    text === undefined ? undefined : truncateText(text, bounds.maxStringBytes)
  return {
    subject: cut(explanation.subject) ?? '',
    ...(explanation.document === undefined
      ? {}
      : { document: truncateText(explanation.document, bounds.maxBodyBytes) }),
    checks: explanation.checks.slice(0, bounds.maxPartsPerEntry).map((check) => ({
      check: cut(check.check) ?? '',
      outcome: check.outcome,
      ...(check.expected === undefined ? {} : { expected: cut(check.expected) }),
      ...(check.got === undefined ? {} : { got: cut(check.got) }),
    })),
  }
}

/** Headers within the bounds: the first `maxHeaders`, each name and value cut. */
export function boundHeaders(
  headers: Readonly<Record<string, string>>,
  bounds: JournalBounds,
): Record<string, string> {
  const kept: Record<string, string> = {}
  let count = 0
  // for…in visits a plain object's keys in the order Object.entries gives, without building the pairs.
  for (const name in headers) {
    if (count++ >= bounds.maxHeaders) break
    kept[truncateText(name, bounds.maxStringBytes)] = truncateText(
      headers[name] as string,
      bounds.maxStringBytes,
    )
  }
  return kept
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** The fields `boundEntry` writes itself; any other an entry has is copied as it is. */
const OWN_FIELDS = new Set([
  'seq',
  'service',
  'time',
  'method',
  'path',
  'status',
  'durationMs',
  'fault',
  'headers',
  'body',
  'error',
  'rpc',
  'explanation',
  'parts',
  'partsOmitted',
])

/**
 * An entry within the bounds, numbered `seq`: strings cut, parts past `maxPartsPerEntry` counted in
 * `partsOmitted`. A new object: the caller's is left as it was.
 */
export function boundEntry(
  entry: Omit<JournalEntry, 'seq'>,
  bounds: JournalBounds,
  seq: number,
): JournalEntry {
  const max = bounds.maxStringBytes
  const { parts, partsOmitted, headers, body, error, rpc, explanation } = entry
  // `seq` first, then the entry's own fields in the order the journal writes them, its strings cut; built
  // key by key (a rest spread of entries of different keys is a slow copy on every request); a field added
  // to entries one day is kept. What is bounded apart comes after, in a fixed order.
  const kept = {
    seq,
    service: truncateText(entry.service, max),
    time: truncateText(entry.time, max),
    method: truncateText(entry.method, max),
    path: truncateText(entry.path, max),
    status: entry.status,
    durationMs: entry.durationMs,
  } as Mutable<JournalEntry>
  if (entry.fault !== undefined) kept.fault = truncateText(entry.fault, max)
  for (const key in entry) {
    if (!OWN_FIELDS.has(key)) (kept as Record<string, unknown>)[key] = (entry as Record<string, unknown>)[key]
  }
  if (headers !== undefined) kept.headers = boundHeaders(headers, bounds)
  if (body !== undefined) kept.body = boundBody(body, bounds)
  if (error !== undefined)
    kept.error = { code: truncateText(error.code, max), message: truncateText(error.message, max) }
  if (rpc !== undefined)
    kept.rpc = {
      method: truncateText(rpc.method, max),
      id: typeof rpc.id === 'string' ? truncateText(rpc.id, max) : rpc.id,
    }
  if (explanation !== undefined) kept.explanation = boundExplanation(explanation, bounds)
  if (parts !== undefined)
    kept.parts = parts.slice(0, bounds.maxPartsPerEntry).map((part) => boundPart(part, bounds))
  const omitted = (partsOmitted ?? 0) + Math.max(0, (parts?.length ?? 0) - bounds.maxPartsPerEntry)
  if (omitted !== 0) kept.partsOmitted = omitted
  return kept
}

const size = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text))

/** What an entry costs the journal's byte budget: its strings in UTF-8 bytes, plus a fixed cost per object. */
export function entryBytes(entry: JournalEntry): number {
  let bytes =
    ENTRY_OVERHEAD +
    size(entry.service) +
    size(entry.time) +
    size(entry.method) +
    size(entry.path) +
    size(entry.fault)
  const headers = entry.headers
  if (headers !== undefined) for (const name in headers) bytes += size(name) + size(headers[name]) + 16
  if (entry.body !== undefined) bytes += 32 + size(entry.body.contentType) + size(entry.body.json)
  if (entry.error !== undefined) bytes += 32 + size(entry.error.code) + size(entry.error.message)
  if (entry.rpc !== undefined) bytes += 32 + size(entry.rpc.method) + size(String(entry.rpc.id))
  if (entry.explanation !== undefined) {
    bytes += 64 + size(entry.explanation.subject) + size(entry.explanation.document)
    for (const check of entry.explanation.checks)
      bytes += 48 + size(check.check) + size(check.expected) + size(check.got)
  }
  if (entry.parts !== undefined)
    for (const part of entry.parts) {
      bytes +=
        PART_OVERHEAD +
        size(part.name) +
        size(part.filename) +
        size(part.contentType) +
        size(part.sha256) +
        size(part.value)
    }
  return bytes
}
