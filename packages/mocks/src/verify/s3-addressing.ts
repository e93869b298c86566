import { bucketNameProblem, DEFAULT_BUCKET, virtualHostedBucket } from '@crmkit/mock-onepagecrm'
import type { PactSource } from './pact-source.js'
import type { StateRegistry } from './state-registry.js'

/** A name the emulator can host: one S3's bucket naming rules allow (the emulator refuses any other). */
const isBucketName = (name: string): boolean => bucketNameProblem(name) === undefined

/** How the S3 emulator of a run is started: the buckets it hosts and, when the pact says, its region. */
export interface S3Addressing {
  /** The emulator's default bucket first (OnePageCRM's form names it), then every other one named. */
  readonly buckets: readonly string[]
  /** The region a virtual-hosted Host names (`<bucket>.s3.<region>.amazonaws.com`): forms are scoped to it. */
  readonly region?: string
}

/** The bucket a path-style request's first segment names, if it is one S3 allows. */
function pathBucket(path: string): string | undefined {
  const [, first = ''] = path.split('/')
  const bucket = decodeURIComponent(first.split('?')[0] ?? '')
  return isBucketName(bucket) ? bucket : undefined
}

/** The bucket and, when the endpoint spells one out, the region of a virtual-hosted Host. */
function hostedBucket(host: string | undefined): { bucket: string; region?: string } | undefined {
  const found = virtualHostedBucket(host)
  if (found === undefined || !isBucketName(found.bucket)) return undefined
  // The legacy global endpoint (`s3.amazonaws.com`) names no region: the emulator keeps its own.
  return found.endpoint.includes(found.region) ? found : { bucket: found.bucket }
}

/**
 * What the S3 emulator must host for a run: the `--s3-bucket`s, the bucket `--s3-host` names, and of the
 * pact (when crmkit reads it: files and URLs) the bucket each request's recorded `Host` names
 * (virtual-hosted, https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html), else its
 * path's first segment (path-style, `POST /{bucket}`), and every `{bucket}` its provider states name
 * (`the bucket {bucket} exists`). A request is virtual-hosted when it recorded such a Host or `--s3-host`
 * gives one: its path is then a key, not a bucket.
 */
export function s3Addressing(options: {
  readonly pact?: PactSource | undefined
  readonly host?: string | undefined
  readonly buckets?: readonly string[] | undefined
  /** Reads the states' `{bucket}` parameters as the verification will. */
  readonly registry: StateRegistry
}): S3Addressing {
  const buckets = new Set<string>([DEFAULT_BUCKET, ...(options.buckets ?? [])])
  const given = hostedBucket(options.host)
  let region = given?.region
  if (given !== undefined) buckets.add(given.bucket)
  for (const interaction of options.pact?.interactions ?? []) {
    const recorded = hostedBucket(interaction.host)
    if (recorded !== undefined) {
      buckets.add(recorded.bucket)
      region ??= recorded.region
    } else if (given === undefined) {
      const bucket = pathBucket(interaction.path)
      if (bucket !== undefined) buckets.add(bucket)
    }
    for (const state of interaction.states) {
      const resolved = options.registry.resolve('s3', state.name, state.params)
      const bucket = resolved.ok ? resolved.params.bucket : undefined
      if (typeof bucket === 'string' && isBucketName(bucket)) buckets.add(bucket)
    }
  }
  return { buckets: [...buckets], ...(region === undefined ? {} : { region }) }
}

/**
 * A note for each request of an S3 pact that names no bucket: no virtual-hosted `Host` recorded, no
 * `--s3-host`, and a path whose first segment is no bucket (`POST /`). S3 answers such a request at its
 * service root (405 `MethodNotAllowed` for a POST), which reads like the mock's fault when the consumer's
 * code in fact addressed the bucket by its own host and Pact's mock server recorded its own `Host`.
 */
export function bucketlessNotices(pact: PactSource, host: string | undefined): string[] {
  if (hostedBucket(host) !== undefined) return []
  return pact.interactions
    .filter((interaction) => {
      return hostedBucket(interaction.host) === undefined && pathBucket(interaction.path) === undefined
    })
    .map(
      (interaction) =>
        `"${interaction.description}" (${interaction.method} ${interaction.path}) names no bucket, in its path or a recorded Host: if the code addressed the bucket by its own host, pass --s3-host <bucket>.s3.<region>.amazonaws.com (or record that Host in the pact)`,
    )
}
