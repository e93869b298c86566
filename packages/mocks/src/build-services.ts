import type { MockHost, MockService } from '@crmkit/mock-kit'
import {
  createOnePageCrmService,
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
} from '@crmkit/mock-onepagecrm'
import { createSharpSpringService, type SharpSpringService } from '@crmkit/mock-sharpspring'
import type { MocksInfo, OnePageCrmInfo, S3Info, ServiceName, SharpSpringInfo } from './mocks-info.js'
import { resolveServices } from './resolve-services.js'
import type { StartMocksOptions } from './start-mocks.js'

/** Where the built services go: on a port (`startMocks`) or on a server that never listens (`interceptVendors`). */
export interface ServicePlacement {
  /** Hosts `service` and resolves with the URL clients reach it at (no trailing slash). */
  place(service: MockService, name: ServiceName): Promise<string>
  /**
   * The S3 address OnePageCRM's `s3_form` and attachment links give out; default the emulator's own URL.
   * Given the emulator's config, once it is built.
   */
  s3PublicUrl?(s3: S3Service): string
  /** The S3 emulator's URL in the info, from the URL it was placed at; default that URL. */
  s3InfoUrl?(s3: S3Service, placedAt: string): string
}

/**
 * Builds the chosen services on `host` and places each: S3 first, since OnePageCRM's upload forms name its
 * URL. On a failure every service built so far is closed with the host.
 */
export async function buildServices(
  options: StartMocksOptions,
  host: MockHost,
  placement: ServicePlacement,
): Promise<MocksInfo> {
  const names = resolveServices(options.services)
  const seeds = await readSeeds(options.seed)
  const info: { sharpspring?: SharpSpringInfo; onepagecrm?: OnePageCrmInfo; s3?: S3Info } = {}
  try {
    if (names.includes('s3')) {
      const s3 = await createS3Service(
        { dataDir: options.dataDir, journalDigests: options.journalDigests, config: s3Config(options.s3) },
        host.runtime,
      )
      const s3Url = await placement.place(s3, 's3')
      info.s3 = s3Info(s3, placement.s3InfoUrl?.(s3, s3Url) ?? s3Url)
      if (names.includes('onepagecrm')) {
        const api = await createOnePageCrmService(
          {
            dataDir: options.dataDir,
            seed: seeds.onepagecrm,
            credentials: { userId: options.onepagecrm?.userId, apiKey: options.onepagecrm?.apiKey },
            s3PublicUrl: placement.s3PublicUrl?.(s3),
            config: {
              ...(options.onepagecrm?.formTtlSeconds === undefined
                ? {}
                : { formTtlSeconds: options.onepagecrm.formTtlSeconds }),
              throttle: options.onepagecrm?.throttle ?? false,
            },
          },
          host.runtime,
          { service: s3, endpoint: s3Url },
        )
        info.onepagecrm = onePageCrmInfo(api, await placement.place(api, 'onepagecrm'))
      }
    }
    if (names.includes('sharpspring')) {
      const ss = await createSharpSpringService(
        { dataDir: options.dataDir, seed: options.seed?.sharpspring, config: options.sharpspring },
        host.runtime,
      )
      info.sharpspring = sharpSpringInfo(ss, await placement.place(ss, 'sharpspring'))
    }
  } catch (error) {
    await host.close()
    throw error
  }
  return info
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
  const bucket = s3.config.buckets[0] ?? ''
  return {
    url,
    region: s3.config.region,
    bucket,
    // Read at each access: `POST /__admin/seed` adds buckets while the emulator runs, a reset removes them.
    get buckets() {
      return s3.buckets.list()
    },
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
