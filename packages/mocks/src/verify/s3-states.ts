import { encodePolicy, formatCredential, signPolicy, toAmzDate } from '@crmkit/s3-post-policy'
import type { BuiltInState } from './built-in-state.js'

/** How long after signing a recorded form is replayed: "shortly after", well inside any policy's lifetime. */
const IN_DATE_AFTER_SECONDS = 100
/** OnePageCRM's forms live an hour; an expired form is replayed an hour after that. */
const DEFAULT_LIFETIME_SECONDS = 3600
/** Without a signing time, "expired" puts the clock here: after any policy a test signs today. */
const FAR_FUTURE = '2100-01-01T00:00:00.000Z'

/** The sentences that put the clock where a recorded form is in date (the alias included). */
export const IN_DATE_SENTENCES: readonly string[] = [
  'the upload form is in date',
  'a POST policy signed with the emulator credentials is in date',
]

export const S3_STATES: readonly BuiltInState[] = [
  {
    template: 'the bucket {bucket} exists',
    provider: 's3',
    since: 1,
    params: { bucket: 'string' },
    description:
      'The emulator hosts that bucket: one it started with (`verify` hosts every bucket a pact it reads names, `--s3-bucket` more), else added through the S3 admin seed (`{"buckets": [bucket]}`) until the reset after the interaction (a name S3\'s naming rules refuse then fails the state).',
    returns: '{bucket}',
    setup: async ({ bucket }, ctx) => {
      const s3 = ctx.mocks.s3
      if (s3 === undefined) throw new Error('The S3 emulator is not running.')
      // Hosted already (from the start, or by an earlier state): nothing to add. A name `--s3-bucket` took
      // need not pass the seed's naming rules.
      if (!s3.buckets.includes(bucket as string)) await ctx.admin('s3', 'seed', { buckets: [bucket] })
      return { bucket }
    },
  },
  {
    template: 'object {key} exists in bucket {bucket}',
    provider: 's3',
    since: 1,
    params: { key: 'string', bucket: 'string', size: 'bytes' },
    description:
      "An object of `size` bytes (default 1) at that key, uploaded through a POST form the state signs with the emulator's credentials.",
    returns: '{bucket, key}',
    setup: async ({ key, bucket, size }, ctx) => {
      const s3 = ctx.mocks.s3
      if (s3 === undefined) throw new Error('The S3 emulator is not running.')
      const now = ctx.mocks.clock.now()
      const credential = formatCredential(s3.credentials.accessKeyId, now, s3.region)
      const policy = encodePolicy({
        expiration: new Date(now.getTime() + 600_000).toISOString(),
        conditions: [
          { bucket: bucket as string },
          { key: key as string },
          { 'x-amz-credential': credential },
          { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
          { 'x-amz-date': toAmzDate(now) },
        ],
      })
      const signature = await signPolicy(policy, {
        secretAccessKey: s3.credentials.secretAccessKey,
        region: s3.region,
        date: now,
      })
      const form = new FormData()
      const fields = {
        key: key as string,
        policy,
        'x-amz-credential': credential,
        'x-amz-algorithm': 'AWS4-HMAC-SHA256',
        'x-amz-date': toAmzDate(now),
        'x-amz-signature': signature,
      }
      for (const [name, value] of Object.entries(fields)) form.append(name, value)
      form.append('file', new Blob([Buffer.alloc((size as number | undefined) ?? 1, 0x61)]), 'file')
      const response = await fetch(`${s3.url}/${encodeURIComponent(bucket as string)}`, {
        method: 'POST',
        body: form,
      })
      if (!response.ok)
        throw new Error(
          `The S3 upload of ${key} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
        )
      return { bucket, key }
    },
  },
  {
    template: 'the upload form is in date',
    provider: 's3',
    since: 1,
    params: { signedAt: 'iso-date' },
    description: `The clock ${IN_DATE_AFTER_SECONDS} s after \`signedAt\` (when the recorded form was signed), so the recorded signature and expiry hold on any later day. Without \`signedAt\`, after the signing time the pact's requests under this state recorded (the latest X-Amz-Date of their forms, presigned URLs or signed headers); when \`verify\` has not read the pact (a broker) and none is given, the clock is left as it is.`,
    setup: ({ signedAt }, ctx) => {
      const signed = (signedAt as string | undefined) ?? ctx.recordedSignedAt
      if (signed !== undefined)
        ctx.mocks.clock.set(new Date(Date.parse(signed) + IN_DATE_AFTER_SECONDS * 1000))
    },
  },
  {
    template: 'the upload form expired',
    provider: 's3',
    since: 1,
    params: { signedAt: 'iso-date', lifetimeSeconds: 'integer' },
    description: `With \`signedAt\`, the clock an hour past the form's lifetime (\`lifetimeSeconds\`, default ${DEFAULT_LIFETIME_SECONDS}); without, ${FAR_FUTURE}.`,
    setup: ({ signedAt, lifetimeSeconds }, ctx) => {
      const lifetime = (lifetimeSeconds as number | undefined) ?? DEFAULT_LIFETIME_SECONDS
      ctx.mocks.clock.set(
        signedAt === undefined
          ? FAR_FUTURE
          : new Date(Date.parse(signedAt as string) + (lifetime + 3600) * 1000),
      )
    },
  },
  // crmkit's own contracts (contracts/src/states.ts) name these; kept so their pacts verify.
  {
    template: 'a POST policy signed with the emulator credentials is in date',
    provider: 's3',
    since: 1,
    params: { signedAt: 'iso-date' },
    description: 'Params `{signedAt}`.',
    aliasOf: 'the upload form is in date',
    setup: (params, ctx) => ctx.apply('the upload form is in date', params),
  },
  {
    template: 'a POST policy signed with the emulator credentials has expired',
    provider: 's3',
    since: 1,
    params: { signedAt: 'iso-date' },
    description: 'Params `{signedAt}`.',
    aliasOf: 'the upload form expired',
    setup: (params, ctx) => ctx.apply('the upload form expired', params),
  },
]
