import { createMockHost, type MockHost } from '@crmkit/mock-kit'
import { buildServices } from './build-services.js'
import { type MocksClock, mocksClock } from './mocks-clock.js'
import type { MocksInfo, ServiceName } from './mocks-info.js'
import { type MocksRequests, mocksRequests } from './mocks-requests.js'
import { adminProviderStates } from './verify/admin-provider-states.js'

export interface StartMocksOptions {
  /** Which services; default all three. `onepagecrm` brings `s3` with it (its attachments live there). */
  readonly services?: readonly ServiceName[] | undefined
  /** Default `127.0.0.1`: the mocks are for this machine unless told otherwise. */
  readonly host?: string | undefined
  /** Ports by service; default 0 each, a free port (the `crmkit-mocks` command defaults to 4580-4582). */
  readonly ports?: Partial<Record<ServiceName, number>> | undefined
  /** Keep records and files here across restarts (`<dir>/<service>/`); default memory and a temporary directory. */
  readonly dataDir?: string | undefined
  /**
   * Records to start with besides the demo data, by service: SharpSpring's `{fields, leads, accounts,
   * opportunities, products}` (added to the demo), OnePageCRM's `{users, contacts, deals, notes}` (replaces
   * the demo). The service READMEs describe both.
   */
  readonly seed?: { readonly sharpspring?: unknown; readonly onepagecrm?: unknown } | undefined
  readonly sharpspring?:
    | {
        readonly accountId?: string
        readonly secretKey?: string
        /** The dataType of File Upload fields (default `upload`). */
        readonly fileFieldType?: string
        /** Largest uploaded file kept (default 25 MiB). */
        readonly maxFileBytes?: number
        /** Enforce 10 calls a second (error 107) and 50,000 a day (106). */
        readonly limits?: boolean
        /** The account's IANA time zone, which `v1` gives date-times in (default `America/New_York`). */
        readonly timeZone?: string
      }
    | undefined
  readonly onepagecrm?:
    | {
        /** The first user's id (24 hex digits) and API key. */
        readonly userId?: string
        readonly apiKey?: string
        /** How long an `s3_form` policy stays valid, in seconds (default 3600). */
        readonly formTtlSeconds?: number
        /** Rate-limit as OnePageCRM does (bursts of 10, ~5/s, then a plain-text 403). */
        readonly throttle?: boolean
      }
    | undefined
  readonly s3?:
    | {
        readonly region?: string
        readonly buckets?: readonly string[]
        readonly accessKeyId?: string
        readonly secretAccessKey?: string
        /** Answer CORS preflights (default true). */
        readonly cors?: boolean
      }
    | undefined
  /** SHA-256 of every multipart part in the request journal (default true). */
  readonly journalDigests?: boolean | undefined
  /** The time every service reads (policy and link expiry, timestamps); default the system clock. */
  readonly clock?: (() => Date) | undefined
}

/** Started mocks: their info, and what a test needs to control them. */
export interface RunningMocks extends MocksInfo {
  /** The same information as plain data (what `crmkit-mocks --json` prints). */
  readonly info: MocksInfo
  /** The clock every service reads, to move from a test (as `POST /__admin/clock` does). */
  readonly clock: MocksClock
  /**
   * The request journal, read in process (`GET /__admin/requests`): headers, bodies, parts, the vendor's
   * error code, SharpSpring's method, the S3 POST explainer. `mocks.requests({ code: 'AccessDenied' })`.
   */
  readonly requests: MocksRequests
  /**
   * Every service back to its start (demo data and seed, no files), journal empty, faults cleared, the
   * clock back on real time.
   */
  reset(): Promise<void>
  /** Stops every service and removes its temporary files. Safe to call twice. */
  close(): Promise<void>
}

/** Mocks started without choosing services: all three, so each one's info is there (`mocks.s3.url`). */
export type AllRunningMocks = RunningMocks & Required<MocksInfo>

/**
 * Starts the chosen services in this process, each on its own port, and resolves once all listen. They
 * share one request journal, one set of armed faults and one clock, so `/__admin/*` on any port covers all.
 */
export function startMocks(
  options?: StartMocksOptions & { readonly services?: undefined },
): Promise<AllRunningMocks>
export function startMocks(options?: StartMocksOptions): Promise<RunningMocks>
export async function startMocks(options: StartMocksOptions = {}): Promise<RunningMocks> {
  const host = createMockHost({ clock: options.clock })
  const info = await buildServices(options, host, {
    place: async (service, name) =>
      (await host.serve(service, { host: options.host, port: options.ports?.[name] ?? 0 })).url,
  })
  return running(info, host)
}

export function running(info: MocksInfo, host: MockHost): RunningMocks {
  const mocks: RunningMocks = {
    ...info,
    info,
    clock: mocksClock(host.clock),
    requests: mocksRequests(host.journal),
    reset: () => host.reset(),
    close: () => host.close(),
  }
  host.provideStates(adminProviderStates(mocks))
  return mocks
}
