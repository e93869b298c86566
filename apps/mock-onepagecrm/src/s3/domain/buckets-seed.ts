/** What the S3 emulator's seed document names: `{"buckets": ["name", …]}`. */
export type BucketsSeed =
  | { readonly ok: true; readonly buckets: readonly string[] }
  | { readonly ok: false; readonly error: string }

const FORMAT = 'The S3 emulator\'s seed is {"buckets": ["<bucket name>", …]}'

/**
 * Reads the S3 emulator's seed document: buckets to host from now on (crmkit's own, not an S3 operation;
 * the emulator answers no CreateBucket). Any other field is refused rather than ignored.
 */
export function readBucketsSeed(body: unknown): BucketsSeed {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, error: `${FORMAT}.` }
  const other = Object.keys(body).find((field) => field !== 'buckets')
  if (other !== undefined)
    return {
      ok: false,
      error: `${FORMAT}: it has no field ${JSON.stringify(other.slice(0, 100))}. Objects are uploaded with a POST form or PutObject.`,
    }
  const { buckets } = body as { buckets?: unknown }
  if (!Array.isArray(buckets) || !buckets.every((bucket) => typeof bucket === 'string'))
    return { ok: false, error: `${FORMAT}: "buckets" must be an array of strings.` }
  return { ok: true, buckets }
}
