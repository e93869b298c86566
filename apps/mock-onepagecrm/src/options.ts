import { type CliArgs, type CliOptionSpec, truncateText } from '@crmkit/mock-kit'
import { DEFAULT_USER_ID } from './api/domain/seed.js'
import type { OnePageCrmServiceOptions } from './api/service.js'
import { bucketNameProblem } from './s3/domain/bucket-name.js'
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
} from './s3/domain/config.js'
import type { S3ServiceOptions } from './s3/service.js'

/** The OnePageCRM API's command-line options (the `crmkit-mocks` command adds `--onepagecrm-port`). */
export const ONEPAGECRM_OPTIONS: CliOptionSpec = {
  'user-id': { type: 'string' },
  'api-key': { type: 'string' },
  'form-ttl': { type: 'string' },
  throttle: { type: 'boolean' },
}

export const ONEPAGECRM_HELP = `OnePageCRM:
  --user-id <id>                 The first user's id, the Basic-auth username (default ${DEFAULT_USER_ID})
  --api-key <key>                Its API key, the password (default: the API docs' example auth_key)
  --form-ttl <seconds>           How long an s3_form policy stays valid (default 3600)
  --throttle                     Rate-limit as OnePageCRM does: ~5 requests/s, bursts of 10, then a
                                 plain-text 403`

/** The API's options from argv and `CRMKIT_*`; throws an Error naming a bad option. */
export function readOnePageCrmOptions(
  args: CliArgs,
): Pick<OnePageCrmServiceOptions, 'config' | 'credentials'> {
  const userId = args.text('user-id')
  if (userId !== undefined && !/^[0-9a-f]{24}$/.test(userId))
    throw new Error(`--user-id: '${userId}' is not a 24-character lowercase hex id`)
  const apiKey = args.text('api-key')
  if (apiKey !== undefined && (apiKey === '' || apiKey.includes(':')))
    throw new Error('--api-key: an API key must be non-empty and contain no colon')
  const formTtl = args.text('form-ttl')
  if (formTtl !== undefined && !/^[1-9]\d{0,6}$/.test(formTtl))
    throw new Error(`--form-ttl: '${formTtl}' is not a number of seconds (1-9999999)`)
  return {
    config: {
      throttle: args.flag('throttle'),
      ...(formTtl === undefined ? {} : { formTtlSeconds: Number(formTtl) }),
    },
    credentials: { userId, apiKey },
  }
}

/** The S3 emulator's command-line options (the `crmkit-mocks` command adds `--s3-port`). */
export const S3_OPTIONS: CliOptionSpec = {
  's3-access-key-id': { type: 'string' },
  's3-secret-access-key': { type: 'string' },
  's3-region': { type: 'string' },
  's3-bucket': { type: 'string', multiple: true },
  'no-s3-cors': { type: 'boolean' },
}

export const S3_HELP = `S3 emulator:
  --s3-access-key-id <id>        Access key id S3 accepts (default ${DEFAULT_ACCESS_KEY_ID})
  --s3-secret-access-key <key>   Its secret (default: the AWS documentation's example secret)
  --s3-region <region>           The buckets' region (default ${DEFAULT_REGION})
  --s3-bucket <name>             A bucket; repeat for more (default ${DEFAULT_BUCKET}); the first
                                 holds OnePageCRM's attachments
  --no-s3-cors                   Refuse CORS preflights, as a bucket without CORS rules does`

/** The emulator's options from argv and `CRMKIT_*`; throws an Error naming a bad option. */
export function readS3Options(args: CliArgs): Pick<S3ServiceOptions, 'config'> {
  const buckets = args.list('s3-bucket')
  for (const bucket of buckets ?? []) {
    // S3's bucket naming rules (`bucketNameProblem`): a bucket the emulator hosts is one S3 could have.
    const problem = bucketNameProblem(bucket)
    if (problem !== undefined)
      throw new Error(
        `--s3-bucket: ${JSON.stringify(truncateText(bucket, 100))} is not a valid S3 bucket name: ${problem}.`,
      )
  }
  const accessKeyId = args.text('s3-access-key-id') ?? DEFAULT_ACCESS_KEY_ID
  const secretAccessKey = args.text('s3-secret-access-key') ?? DEFAULT_SECRET_ACCESS_KEY
  return {
    config: {
      region: args.text('s3-region') ?? DEFAULT_REGION,
      buckets: buckets ?? [DEFAULT_BUCKET],
      credentials: [{ accessKeyId, secretAccessKey }],
      cors: !args.flag('no-s3-cors'),
    },
  }
}
