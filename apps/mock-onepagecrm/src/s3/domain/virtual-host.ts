/** What a virtual-hosted-style Host header names: the bucket, and the region its endpoint is in. */
export interface VirtualHostedBucket {
  readonly bucket: string
  /** The endpoint's region; `us-east-1` for the legacy global endpoints (`s3.amazonaws.com`). */
  readonly region: string
  /** The S3 endpoint after the bucket: `s3.eu-central-1.amazonaws.com`. */
  readonly endpoint: string
}

// S3's endpoints as AWS lists them (https://docs.aws.amazon.com/general/latest/gr/s3.html): regional
// `s3.<region>` and the legacy dash form `s3-<region>`, each optionally FIPS (`s3-fips`) and dual-stack
// (`.dualstack`), the legacy global `s3.amazonaws.com` and `s3-external-1`, Transfer Acceleration, and the
// China partition's `.amazonaws.com.cn`.
const ENDPOINT =
  /^s3(?:-fips)?(?:\.dualstack)?(?:[.-](?<region>[a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d+))?\.amazonaws\.com(?:\.cn)?$|^s3-accelerate(?:\.dualstack)?\.amazonaws\.com$|^s3-external-1\.amazonaws\.com$/

/**
 * The bucket a Host header names in virtual-hosted style (`<bucket>.s3.<region>.amazonaws.com`,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html): everything before the S3
 * endpoint, dots included (a bucket name may hold dots). `undefined` for any other Host, an S3 endpoint
 * itself (`s3.eu-central-1.amazonaws.com`) or the emulator's own `127.0.0.1:4582`: the request is then
 * path-style and its first path segment is the bucket. A CNAME Host (a bucket named like a domain) is not
 * read as a bucket.
 */
export function virtualHostedBucket(host: string | undefined): VirtualHostedBucket | undefined {
  if (host === undefined) return undefined
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '')
  for (let dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
    const endpoint = name.slice(dot + 1)
    const match = ENDPOINT.exec(endpoint)
    if (match !== null)
      return { bucket: name.slice(0, dot), region: match.groups?.region ?? 'us-east-1', endpoint }
  }
  return undefined
}

/** Whether a host (without port) is an S3 endpoint itself, where path-style requests go. */
export function isS3Endpoint(host: string): boolean {
  return ENDPOINT.test(host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, ''))
}
