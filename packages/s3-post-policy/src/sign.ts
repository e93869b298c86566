import { encodeBase64Utf8 } from './encoding.js'
import { signV4, toAmzDate, toDateStamp } from './sigv4.js'

/** A condition as written into a policy document (docs/s3-post-policy-rules.md, "Conditions"). */
export type PolicyConditionInput =
  | Readonly<Record<string, string>>
  | readonly ['eq' | 'starts-with', string, string]
  | readonly ['content-length-range', number, number]

export interface PolicyDocument {
  /** ISO 8601 UTC, e.g. `2015-12-30T12:00:00.000Z`. */
  readonly expiration: string
  readonly conditions: readonly PolicyConditionInput[]
}

export interface S3Credentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string | undefined
}

/** The `policy` field: the document's JSON, UTF-8, standard padded base64. */
export function encodePolicy(document: PolicyDocument | string): string {
  return encodeBase64Utf8(typeof document === 'string' ? document : JSON.stringify(document))
}

/**
 * `x-amz-signature` for a base64 policy: SigV4 with the credential scope of `date` and `region`
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html).
 */
export async function signPolicy(
  policy: string,
  signer: { readonly secretAccessKey: string; readonly region: string; readonly date: Date },
): Promise<string> {
  const scope = { dateStamp: toDateStamp(signer.date), region: signer.region, service: 's3' }
  return signV4(signer.secretAccessKey, scope, policy)
}

/** `<AKID>/<yyyymmdd>/<region>/s3/aws4_request`. */
export function formatCredential(accessKeyId: string, date: Date, region: string): string {
  return `${accessKeyId}/${toDateStamp(date)}/${region}/s3/aws4_request`
}

export interface CreatePresignedPostOptions {
  readonly bucket: string
  /** The object key. A key ending in `${filename}` becomes a `starts-with` condition on the text before it. */
  readonly key: string
  readonly region: string
  readonly credentials: S3Credentials
  /** When the form is signed (inject a clock for deterministic forms). */
  readonly now: Date
  /** Seconds until the policy expires. Default 3600. */
  readonly expiresIn?: number
  /** Further conditions, e.g. `['content-length-range', 0, 10485760]`. */
  readonly conditions?: readonly PolicyConditionInput[]
  /** Further fields; each also becomes an exact condition, as aws-sdk-js-v3 does. */
  readonly fields?: Readonly<Record<string, string>>
}

export interface PresignedPost {
  /** Form fields in the order to send them, before `file`. */
  readonly fields: Readonly<Record<string, string>>
  readonly policy: PolicyDocument
  readonly expiration: Date
}

/**
 * Builds and signs a POST form the way boto3 and aws-sdk-js-v3 do (docs/s3-post-policy-rules.md, "How
 * the SDKs build a form"): the user's fields and conditions, the bucket, the key, and the signing fields,
 * with every signing field covered.
 *
 * @example
 * const { fields } = await createPresignedPost({
 *   bucket: 'uploads', key: 'user/1/${filename}', region: 'us-east-1', now: new Date(),
 *   credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: '…' },
 *   conditions: [['content-length-range', 0, 10 * 1024 * 1024]],
 * })
 */
export async function createPresignedPost(options: CreatePresignedPostOptions): Promise<PresignedPost> {
  const { bucket, key, region, credentials, now } = options
  const expiration = new Date(now.getTime() + (options.expiresIn ?? 3600) * 1000)
  const signing: Record<string, string> = {
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': formatCredential(credentials.accessKeyId, now, region),
    'x-amz-date': toAmzDate(now),
  }
  if (credentials.sessionToken !== undefined) signing['x-amz-security-token'] = credentials.sessionToken
  const userFields = options.fields ?? {}
  const keyCondition: PolicyConditionInput = key.endsWith('${filename}')
    ? ['starts-with', '$key', key.slice(0, -'${filename}'.length)]
    : { key }
  const policy: PolicyDocument = {
    expiration: expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    conditions: [
      ...(options.conditions ?? []),
      ...Object.entries(userFields).map(([name, value]) => ({ [name]: value })),
      { bucket },
      keyCondition,
      ...Object.entries(signing).map(([name, value]) => ({ [name]: value })),
    ],
  }
  const encoded = encodePolicy(policy)
  const signature = await signPolicy(encoded, {
    secretAccessKey: credentials.secretAccessKey,
    region,
    date: now,
  })
  return {
    fields: { ...userFields, key, ...signing, policy: encoded, 'x-amz-signature': signature },
    policy,
    expiration,
  }
}
