import type { JournalEntry, JournalPart } from './request-journal.js'
import { truncateText } from './truncate-text.js'

/** How much a request journal keeps; every field optional, see {@link journalDefaults}. */
export interface JournalOptions {
  /** Entries kept; the oldest go first. */
  readonly limit?: number | undefined
  /** Bytes all kept entries may take, counted by {@link entryBytes}; the oldest go first. */
  readonly maxBytes?: number | undefined
  /** Longest string an entry keeps (path, names, filenames, content types), in UTF-8 bytes, marker included. */
  readonly maxStringBytes?: number | undefined
  /** Parts recorded per entry; those past it are only counted, in `partsOmitted`. */
  readonly maxPartsPerEntry?: number | undefined
}

export type JournalBounds = { readonly [K in keyof JournalOptions]-?: number }

/**
 * What a journal keeps unless told otherwise. A request can make the journal keep at most one entry of
 * about `maxPartsPerEntry × (3 × maxStringBytes + PART_OVERHEAD)` bytes (some 1.3 MB), and all of them
 * together stay within `maxBytes` (16 MiB), however many requests or parts a client sends.
 */
export const journalDefaults: JournalBounds = {
  limit: 1000,
  maxBytes: 16 * 1024 * 1024,
  maxStringBytes: 2048,
  maxPartsPerEntry: 200,
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
  }
}

/** An entry within the bounds: strings cut, parts past `maxPartsPerEntry` counted in `partsOmitted`. */
export function boundEntry(entry: JournalEntry, bounds: JournalBounds): JournalEntry {
  const cut = (text: string) => truncateText(text, bounds.maxStringBytes)
  const { parts, partsOmitted, ...rest } = entry
  const kept = parts?.slice(0, bounds.maxPartsPerEntry).map((part) => boundPart(part, bounds))
  const omitted = (partsOmitted ?? 0) + Math.max(0, (parts?.length ?? 0) - bounds.maxPartsPerEntry)
  return {
    ...rest,
    service: cut(entry.service),
    time: cut(entry.time),
    method: cut(entry.method),
    path: cut(entry.path),
    ...(kept === undefined ? {} : { parts: kept }),
    ...(omitted === 0 ? {} : { partsOmitted: omitted }),
  }
}

/** What an entry costs the journal's byte budget: its strings in UTF-8 bytes, plus a fixed cost per object. */
export function entryBytes(entry: JournalEntry): number {
  let bytes =
    ENTRY_OVERHEAD +
    Buffer.byteLength(entry.service) +
    Buffer.byteLength(entry.time) +
    Buffer.byteLength(entry.method) +
    Buffer.byteLength(entry.path) +
    Buffer.byteLength(entry.fault ?? '')
  for (const part of entry.parts ?? []) {
    bytes +=
      PART_OVERHEAD +
      Buffer.byteLength(part.name) +
      Buffer.byteLength(part.filename ?? '') +
      Buffer.byteLength(part.contentType ?? '') +
      Buffer.byteLength(part.sha256 ?? '')
  }
  return bytes
}
