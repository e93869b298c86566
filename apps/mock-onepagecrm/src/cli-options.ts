import { type ParsedCli, readCliArgs, readJsonFile } from '@crmkit/mock-kit'
import { DEFAULT_USER_ID, parseSeed, type SeedDocument } from './api/domain/seed.js'
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
} from './s3/domain/config.js'
import type { StartOnePageCrmOptions } from './server.js'

export const HELP = `Usage: crmkit-mock-onepagecrm [options]

Starts the OnePageCRM mock: the OnePageCRM API v3 under /api/v3, and an S3 emulator that answers
browser POST uploads as Amazon S3 does, each on its own port.

Options:
  --host <addr>                  Address to bind (default 127.0.0.1)
  --port <n>                     OnePageCRM API port; 0 picks a free port (default 0)
  --user-id <id>                 The first user's id, the Basic-auth username (default ${DEFAULT_USER_ID})
  --api-key <key>                Its API key, the password (default: the API docs' example auth_key)
  --seed <file.json>             Users, contacts and notes to start with (default: one demo user,
                                 contact and note)
  --form-ttl <seconds>           How long an s3_form policy stays valid (default 3600)
  --throttle                     Rate-limit as OnePageCRM does: ~5 requests/s, bursts of 10, then a
                                 plain-text 403
  --s3-port <n>                  S3 emulator port; 0 picks a free port (default 0)
  --s3-access-key-id <id>        Access key id S3 accepts (default ${DEFAULT_ACCESS_KEY_ID})
  --s3-secret-access-key <key>   Its secret (default: the AWS documentation's example secret)
  --s3-region <region>           The buckets' region (default ${DEFAULT_REGION})
  --s3-bucket <name>             A bucket; repeat for more (default ${DEFAULT_BUCKET})
  --no-s3-cors                   Refuse CORS preflights, as a bucket without CORS rules does
  --no-journal-digests           Keep part sizes but no SHA-256 in the request journal (saves
                                 ~0.6 CPU-seconds per GiB uploaded)
  --data-dir <dir>               Keep records and objects here across restarts (default: records in
                                 memory, objects in a temporary directory removed on exit)
  --json                         Once listening, print one line of JSON describing the mock
  --help                         Show this text

Environment: the same options as CRMKIT_<NAME> with dashes as underscores, e.g. CRMKIT_S3_PORT=4569.
SIGINT and SIGTERM stop the mock cleanly.`

export type CliOptions = ParsedCli<StartOnePageCrmOptions>

/** Parses argv (flags win over CRMKIT_* environment variables). Throws an Error naming the bad option. */
export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const args = readCliArgs(argv, env, {
    host: { type: 'string' },
    port: { type: 'string' },
    'user-id': { type: 'string' },
    'api-key': { type: 'string' },
    seed: { type: 'string' },
    'form-ttl': { type: 'string' },
    throttle: { type: 'boolean' },
    'no-journal-digests': { type: 'boolean' },
    's3-port': { type: 'string' },
    's3-access-key-id': { type: 'string' },
    's3-secret-access-key': { type: 'string' },
    's3-region': { type: 'string' },
    's3-bucket': { type: 'string', multiple: true },
    'no-s3-cors': { type: 'boolean' },
    'data-dir': { type: 'string' },
  })
  const buckets = args.list('s3-bucket')
  for (const bucket of buckets ?? []) {
    // S3 bucket naming rules (AWS, bucketnamingrules.html), enough to keep path-style URLs unambiguous.
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
      throw new Error(`--s3-bucket: '${bucket}' is not a valid S3 bucket name`)
  }
  const userId = args.text('user-id')
  if (userId !== undefined && !/^[0-9a-f]{24}$/.test(userId))
    throw new Error(`--user-id: '${userId}' is not a 24-character lowercase hex id`)
  const apiKey = args.text('api-key')
  if (apiKey !== undefined && (apiKey === '' || apiKey.includes(':')))
    throw new Error('--api-key: an API key must be non-empty and contain no colon')
  const formTtl = args.text('form-ttl')
  if (formTtl !== undefined && !/^[1-9]\d{0,6}$/.test(formTtl))
    throw new Error(`--form-ttl: '${formTtl}' is not a number of seconds (1-9999999)`)
  const seedPath = args.text('seed')
  const accessKeyId = args.text('s3-access-key-id') ?? DEFAULT_ACCESS_KEY_ID
  const secretAccessKey = args.text('s3-secret-access-key') ?? DEFAULT_SECRET_ACCESS_KEY
  return {
    help: args.help,
    json: args.json,
    start: {
      host: args.text('host') ?? '127.0.0.1',
      port: args.port('port'),
      s3Port: args.port('s3-port'),
      dataDir: args.text('data-dir'),
      userId,
      apiKey,
      journalDigests: !args.flag('no-journal-digests'),
      seed: seedPath === undefined ? undefined : readSeed(seedPath),
      api: {
        throttle: args.flag('throttle'),
        ...(formTtl === undefined ? {} : { formTtlSeconds: Number(formTtl) }),
      },
      s3: {
        region: args.text('s3-region') ?? DEFAULT_REGION,
        buckets: buckets ?? [DEFAULT_BUCKET],
        credentials: [{ accessKeyId, secretAccessKey }],
        cors: !args.flag('no-s3-cors'),
      },
    },
  }
}

/** Reads and checks a `--seed` file, naming the file and the first problem when it is not usable. */
export function readSeed(path: string): SeedDocument {
  const parsed = parseSeed(readJsonFile('--seed', path))
  if (!parsed.ok) throw new Error(`--seed: ${path}: ${parsed.error}`)
  return parsed.seed
}
