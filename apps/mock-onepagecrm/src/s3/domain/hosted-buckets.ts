import { truncateText } from '@crmkit/mock-kit'
import { bucketNameProblem } from './bucket-name.js'

/**
 * The most buckets the emulator hosts at once through `add` (those configured at the start count; a start
 * with more keeps them, and adds none). A mock's bound, so the list a request can grow stays small; S3's own
 * quota is per account and far larger (https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html).
 */
export const MAX_HOSTED_BUCKETS = 100

export type AddBucketsResult =
  | { readonly ok: true; readonly added: readonly string[] }
  | { readonly ok: false; readonly error: string }

/**
 * The buckets the emulator answers for: those it was configured with, then those added while it runs (the
 * admin API's seed), in that order. Every operation and the inspector read it at each request, so an added
 * bucket is one like any other until `reset`.
 */
export interface HostedBuckets {
  has(bucket: string): boolean
  /** A copy of the list, the configured buckets first. */
  list(): readonly string[]
  /**
   * Hosts every name not hosted yet, or none: a name S3's naming rules refuse, or more buckets than
   * `MAX_HOSTED_BUCKETS` in all, refuses the whole list. `added` holds the names that were not hosted before.
   */
  add(names: readonly string[]): AddBucketsResult
  /** Back to the configured buckets. */
  reset(): void
}

export function createHostedBuckets(configured: readonly string[]): HostedBuckets {
  const initial = [...new Set(configured)]
  let hosted = new Set(initial)
  return {
    has: (bucket) => hosted.has(bucket),
    list: () => [...hosted],
    add(names) {
      for (const name of names) {
        const problem = bucketNameProblem(name)
        // The name is quoted as JSON, cut short: an error repeats no more of a request than it needs.
        if (problem !== undefined)
          return {
            ok: false,
            error: `${JSON.stringify(truncateText(name, 100))} is not a valid S3 bucket name: ${problem}.`,
          }
      }
      const added = [...new Set(names)].filter((name) => !hosted.has(name))
      if (added.length > 0 && hosted.size + added.length > MAX_HOSTED_BUCKETS)
        return {
          ok: false,
          error: `The S3 emulator hosts ${hosted.size} buckets; ${added.length} more would pass its limit of ${MAX_HOSTED_BUCKETS}. A reset removes the added ones.`,
        }
      hosted = new Set([...hosted, ...added])
      return { ok: true, added }
    },
    reset() {
      hosted = new Set(initial)
    },
  }
}
