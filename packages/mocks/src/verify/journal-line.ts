import type { JournalEntry } from '@crmkit/mock-kit'

/** One line of the mock's journal entry: the answer, the vendor's error code, the multipart parts. */
export function journalLine(entry: JournalEntry): string {
  const error = entry.error === undefined ? '' : `, error ${entry.error.code} "${entry.error.message}"`
  const parts =
    entry.parts === undefined || entry.parts.length === 0
      ? ''
      : `; parts: ${entry.parts.map((part) => part.name + (part.filename === undefined ? '' : ` (file ${part.filename})`)).join(', ')}`
  const failed = entry.explanation?.checks.find((check) => check.outcome === 'failed')
  const check =
    failed === undefined
      ? ''
      : `; failed check: ${failed.check}${failed.expected === undefined ? '' : ` (expected ${failed.expected}, got ${failed.got ?? '—'})`}`
  return `${entry.method} ${entry.path} → ${entry.status}${error}${parts}${check}`
}
