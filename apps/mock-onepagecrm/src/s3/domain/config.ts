import { truncateText } from '@crmkit/mock-kit'
import { bucketNameProblem } from './bucket-name.js'
/** How the S3 emulator is set up. Every field has a documented default (see the app's README). */
export interface S3Config {
  readonly region: string
  readonly buckets: readonly string[]
  readonly credentials: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[]
  /** Answer CORS preflights and add `Access-Control-Allow-Origin` to answers. Default true. */
  readonly cors: boolean
  /** Bytes of form data allowed before the file part (S3: 20480, failure table row 28). */
  readonly maxPreDataBytes: number
}

// The AWS documentation's example key pair: recognisably fake, and what SDK examples already use.
export const DEFAULT_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
export const DEFAULT_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
// The region and bucket of OnePageCRM's own upload form, as its upload tutorial shows them:
// https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/
export const DEFAULT_REGION = 'eu-central-1'
export const DEFAULT_BUCKET = 'onepagecrm-up-eu-central-1'

/** The emulator's configuration; throws an Error naming a bucket S3 would not allow (`bucketNameProblem`). */
export function createS3Config(overrides: Partial<S3Config> = {}): S3Config {
  for (const bucket of overrides.buckets ?? []) {
    const problem = bucketNameProblem(bucket)
    if (problem !== undefined)
      throw new Error(
        `${JSON.stringify(truncateText(bucket, 100))} is not a valid S3 bucket name: ${problem}.`,
      )
  }
  return {
    region: DEFAULT_REGION,
    buckets: [DEFAULT_BUCKET],
    credentials: [{ accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY }],
    cors: true,
    maxPreDataBytes: 20480,
    ...overrides,
  }
}

export function lookupSecret(config: S3Config, accessKeyId: string): string | undefined {
  return config.credentials.find((credential) => credential.accessKeyId === accessKeyId)?.secretAccessKey
}
