import type { Clock, RandomBytes } from './clock.js'
import type { FaultAnswers, FaultInjector } from './faults.js'
import type { ServiceInspection } from './inspection.js'
import type { RequestJournal } from './request-journal.js'
import type { FetchApp } from './start-server.js'

/** What `POST /__admin/seed` makes of a seed document: what it created, or why nothing was. */
export type SeedOutcome = { ok: true; created: unknown } | { ok: false; error: string }

/** What the host gives every service it builds: one journal, one fault registry, one clock per process. */
export interface ServiceRuntime {
  readonly journal: RequestJournal
  readonly faults: FaultInjector
  readonly clock: Clock
  readonly random: RandomBytes
}

/**
 * One mocked vendor service, the same recipe for each: its vendor routes as an app that never listens, the
 * faults it can answer in its vendor's format, and its state's lifecycle. The host (`createMockHost`) adds
 * what every service shares: the port, `GET /__admin/health`, the request journal and the admin API.
 */
export interface MockService {
  /** `sharpspring`, `onepagecrm`, `s3`: the name the journal and `/__admin/faults` use. */
  readonly name: string
  /** The vendor's routes. It springs `runtime.faults` itself, after whatever its answers need (request ids). */
  readonly app: FetchApp
  /** The named fault answers it offers (besides `reset`, which every service has). */
  readonly faultAnswers: FaultAnswers
  /**
   * Back to the state it started from: its demo data and seed, no stored files. The same with or without
   * a data directory (a data directory's saved records are not the start).
   */
  reset(): Promise<void>
  /** Adds a seed document to the running service; nothing is added when it is refused. */
  seed(body: unknown): Promise<SeedOutcome>
  /** Releases what it holds (stores, temporary directories). Its server is closed before this. */
  close(): Promise<void>
  /**
   * What the inspector (`/__admin/`, `/__admin/files`, `/__admin/records`) may read of it: its records, its
   * kept files and their bytes. Absent, it shows none.
   */
  readonly inspect?: ServiceInspection | undefined
}
