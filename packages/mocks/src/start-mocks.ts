import { createMockHost, type MockHost } from '@crmkit/mock-kit'
import {
  createS3Service,
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_SECRET_ACCESS_KEY,
  DEMO_ACTION_ID,
  DEMO_CONTACT_ID,
  DEMO_DEAL_ID,
  DEMO_NOTE_ID,
  type OnePageCrmService,
  type S3Service,
  type SeedDocument,
  serveOnePageCrm,
} from '@crmkit/mock-onepagecrm'
import { createSharpSpringService, type SharpSpringService } from '@crmkit/mock-sharpspring'
import { type MocksClock, mocksClock } from './mocks-clock.js'
import type { MocksInfo, OnePageCrmInfo, S3Info, ServiceName, SharpSpringInfo } from './mocks-info.js'
import { type MocksRequests, mocksRequests } from './mocks-requests.js'
import { resolveServices } from './resolve-services.js'
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

/**
 * Starts the chosen services in this process, each on its own port, and resolves once all listen. They
 * share one request journal, one set of armed faults and one clock, so `/__admin/*` on any port covers all.
 */
export async function startMocks(options: StartMocksOptions = {}): Promise<RunningMocks> {
  const names = resolveServices(options.services)
  const seeds = await readSeeds(options.seed)
  const host = createMockHost({ clock: options.clock })
  const listen = (name: ServiceName) => ({ host: options.host, port: options.ports?.[name] ?? 0 })
  const info: { sharpspring?: SharpSpringInfo; onepagecrm?: OnePageCrmInfo; s3?: S3Info } = {}
  try {
    const s3Options = {
      dataDir: options.dataDir,
      journalDigests: options.journalDigests,
      config: s3Config(options.s3),
    }
    if (names.includes('onepagecrm')) {
      const served = await serveOnePageCrm(host, {
        s3: s3Options,
        api: {
          dataDir: options.dataDir,
          seed: seeds.onepagecrm,
          credentials: { userId: options.onepagecrm?.userId, apiKey: options.onepagecrm?.apiKey },
          config: {
            ...(options.onepagecrm?.formTtlSeconds === undefined
              ? {}
              : { formTtlSeconds: options.onepagecrm.formTtlSeconds }),
            throttle: options.onepagecrm?.throttle ?? false,
          },
        },
        listen: { s3: listen('s3'), api: listen('onepagecrm') },
      })
      info.s3 = s3Info(served.s3.service, served.s3.url)
      info.onepagecrm = onePageCrmInfo(served.api.service, served.api.url)
    } else if (names.includes('s3')) {
      const s3 = await createS3Service(s3Options, host.runtime)
      info.s3 = s3Info(s3, (await host.serve(s3, listen('s3'))).url)
    }
    if (names.includes('sharpspring')) {
      const ss = await createSharpSpringService(
        { dataDir: options.dataDir, seed: options.seed?.sharpspring, config: options.sharpspring },
        host.runtime,
      )
      info.sharpspring = sharpSpringInfo(ss, (await host.serve(ss, listen('sharpspring'))).url)
    }
  } catch (error) {
    await host.close()
    throw error
  }
  return running(info, host)
}

function running(info: MocksInfo, host: MockHost): RunningMocks {
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

async function readSeeds(seed: StartMocksOptions['seed']): Promise<{ onepagecrm?: SeedDocument }> {
  if (seed?.onepagecrm === undefined) return {}
  // Loaded only for a seed: the schema library is the largest import of all.
  const { parseSeed } = await import('@crmkit/mock-onepagecrm/seed')
  const parsed = parseSeed(seed.onepagecrm)
  if (!parsed.ok) throw new Error(`The OnePageCRM seed is not valid: ${parsed.error}`)
  return { onepagecrm: parsed.seed }
}

function s3Config(s3: StartMocksOptions['s3']) {
  if (s3 === undefined) return undefined
  const { accessKeyId, secretAccessKey, region, buckets, cors } = s3
  return {
    ...(region === undefined ? {} : { region }),
    ...(buckets === undefined ? {} : { buckets }),
    ...(cors === undefined ? {} : { cors }),
    ...(accessKeyId === undefined && secretAccessKey === undefined
      ? {}
      : {
          credentials: [
            {
              accessKeyId: accessKeyId ?? DEFAULT_ACCESS_KEY_ID,
              secretAccessKey: secretAccessKey ?? DEFAULT_SECRET_ACCESS_KEY,
            },
          ],
        }),
  }
}

function s3Info(s3: S3Service, url: string): S3Info {
  const [credential] = s3.config.credentials
  return {
    url,
    region: s3.config.region,
    bucket: s3.config.buckets[0] ?? '',
    buckets: [...s3.config.buckets],
    credentials: {
      accessKeyId: credential?.accessKeyId ?? '',
      secretAccessKey: credential?.secretAccessKey ?? '',
    },
  }
}

function onePageCrmInfo(opc: OnePageCrmService, url: string): OnePageCrmInfo {
  const has = (map: ReadonlyMap<string, unknown>, id: string) =>
    map.has(id) ? id : ([...map.keys()][0] ?? '')
  return {
    url,
    api: `${url}/api/v3`,
    credentials: opc.auth,
    demo: {
      userId: opc.auth.userId,
      contactId: has(opc.state.contacts, DEMO_CONTACT_ID),
      dealId: has(opc.state.deal, DEMO_DEAL_ID),
      noteId: has(opc.state.note, DEMO_NOTE_ID),
      actionId: has(opc.state.actions, DEMO_ACTION_ID),
    },
  }
}

function sharpSpringInfo(ss: SharpSpringService, url: string): SharpSpringInfo {
  const { leadId, accountId, opportunityId, productId, dealStageId, fileFields } = ss.demo
  return {
    url,
    api: `${url}/pubapi`,
    credentials: { accountId: ss.config.accountId, secretKey: ss.config.secretKey },
    demo: { leadId, accountId, opportunityId, productId, dealStageId, fileFields: { ...fileFields } },
  }
}
