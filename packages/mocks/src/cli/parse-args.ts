import { readCliArgs, readJsonFile } from '@crmkit/mock-kit'
import { ONEPAGECRM_OPTIONS, readOnePageCrmOptions, readS3Options, S3_OPTIONS } from '@crmkit/mock-onepagecrm'
import { readSharpSpringOptions, SHARPSPRING_OPTIONS } from '@crmkit/mock-sharpspring'
import { DEFAULT_PORTS } from '../default-ports.js'
import { SERVICE_NAMES } from '../mocks-info.js'
import { resolveServices } from '../resolve-services.js'
import type { StartMocksOptions } from '../start-mocks.js'

export interface ParsedArgs {
  readonly help: boolean
  readonly version: boolean
  readonly json: boolean
  readonly start: StartMocksOptions
}

/** argv and `CRMKIT_*` variables (flags win) into start options; throws an Error naming a bad option. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ParsedArgs {
  const args = readCliArgs(argv, env, {
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    seed: { type: 'string' },
    'no-journal-digests': { type: 'boolean' },
    ...Object.fromEntries(SERVICE_NAMES.map((name) => [`${name}-port`, { type: 'string' }])),
    ...SHARPSPRING_OPTIONS,
    ...ONEPAGECRM_OPTIONS,
    ...S3_OPTIONS,
  })
  const services = resolveServices(args.positionals)
  const sharpspring = readSharpSpringOptions(args).config
  const onepagecrm = readOnePageCrmOptions(args)
  const s3 = readS3Options(args).config
  const [credential] = s3?.credentials ?? []
  const seedPath = args.text('seed')
  const seed = seedPath === undefined ? undefined : readJsonFile('--seed', seedPath)
  if (seed !== undefined && (typeof seed !== 'object' || seed === null || Array.isArray(seed)))
    throw new Error(
      `--seed: ${seedPath}: a seed file is a JSON object: {"sharpspring": {...}, "onepagecrm": {...}}`,
    )
  const unknown = Object.keys(seed ?? {}).filter((key) => key !== 'sharpspring' && key !== 'onepagecrm')
  if (unknown.length > 0)
    throw new Error(
      `--seed: ${seedPath}: unknown key ${unknown.join(', ')}; expected sharpspring, onepagecrm`,
    )
  return {
    help: args.help,
    version: args.version,
    json: args.json,
    start: {
      services,
      host: args.text('host') ?? '127.0.0.1',
      ports: Object.fromEntries(
        SERVICE_NAMES.map((name) => [name, args.port(`${name}-port`, DEFAULT_PORTS[name])]),
      ),
      dataDir: args.text('data-dir'),
      seed: seed as StartMocksOptions['seed'],
      journalDigests: !args.flag('no-journal-digests'),
      sharpspring,
      onepagecrm: {
        ...onepagecrm.credentials,
        formTtlSeconds: onepagecrm.config?.formTtlSeconds,
        throttle: onepagecrm.config?.throttle,
      },
      s3: {
        region: s3?.region,
        buckets: s3?.buckets,
        cors: s3?.cors,
        accessKeyId: credential?.accessKeyId,
        secretAccessKey: credential?.secretAccessKey,
      },
    },
  }
}
