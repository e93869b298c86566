// The JSON the admin API answers, as the page reads it. mock-kit owns these shapes (request-journal.ts,
// faults.ts, virtual-clock.ts, inspection.ts); this is their wire form, kept here because mock-kit depends on
// this package, not the other way round.

export interface JournalPart {
  readonly name: string
  readonly filename?: string
  readonly contentType?: string
  readonly size: number
  readonly sha256?: string
  readonly value?: string
}

export interface JournalCheck {
  readonly check: string
  readonly outcome: 'passed' | 'failed' | 'not-reached'
  readonly expected?: string
  readonly got?: string
}

export interface JournalExplanation {
  readonly subject: string
  readonly document?: string
  readonly checks: readonly JournalCheck[]
}

export interface JournalEntry {
  readonly seq: number
  readonly service: string
  readonly time: string
  readonly method: string
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  readonly status: number
  readonly durationMs: number
  readonly body?: { readonly contentType: string; readonly size: number; readonly json: string }
  readonly error?: { readonly code: string; readonly message: string }
  readonly rpc?: { readonly method: string; readonly id: string | number | null }
  readonly explanation?: JournalExplanation
  readonly parts?: readonly JournalPart[]
  readonly partsOmitted?: number
  readonly fault?: string
}

export interface RequestsAnswer {
  readonly requests: readonly JournalEntry[]
  readonly dropped: number
}

export interface Health {
  readonly status: string
  readonly service: string
  readonly services: readonly string[]
}

export interface ClockState {
  readonly now: string
  readonly frozen: boolean
  readonly offsetMs: number
}

export interface Fault {
  readonly id: number
  readonly service?: string
  readonly method?: string
  readonly path?: string
  readonly times?: number
  readonly fault: string
  readonly afterBytes?: number
  readonly retryAfter?: number
  readonly remaining: number
}

export interface FaultsAnswer {
  readonly faults: readonly Fault[]
  /** The named answers each service offers (besides `reset`, which every service has). */
  readonly answers: Readonly<Record<string, readonly string[]>>
}

export interface StoredFile {
  readonly service: string
  readonly id: string
  readonly name: string
  readonly contentType: string
  readonly size: number
  readonly created: string
  readonly belongsTo?: string
  /** The image type it is shown as when its content type says nothing (`binary/octet-stream`). */
  readonly preview?: string
  /** Where the bytes are served: `/__admin/files/<service>/<id>`. */
  readonly url: string
  /** True when the URL answers the file inline as an image (PNG, JPEG, GIF, WebP). */
  readonly image: boolean
}

export interface FilesAnswer {
  readonly files: readonly StoredFile[]
  readonly total: number
}

export interface RecordGroup {
  readonly name: string
  readonly title: string
  readonly total: number
  readonly columns: readonly string[]
  readonly rows: readonly Readonly<Record<string, unknown>>[]
}

export interface RecordsAnswer {
  readonly services: readonly { readonly service: string; readonly groups: readonly RecordGroup[] }[]
}
