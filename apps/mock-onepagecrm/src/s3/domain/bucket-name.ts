/**
 * Why S3 would refuse `name` for a general purpose bucket, or `undefined` when it may be one. The rules are
 * AWS's: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'a bucket name is 3 to 63 characters long'
  if (!/^[a-z0-9.-]+$/.test(name))
    return 'a bucket name holds only lower-case letters, digits, dots and hyphens'
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return 'a bucket name begins and ends with a letter or digit'
  if (name.includes('..')) return 'a bucket name holds no two adjacent dots'
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(name)) return 'a bucket name is not formatted as an IP address'
  const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved))
  if (prefix !== undefined) return `S3 reserves the prefix ${prefix}`
  const suffix = RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved))
  if (suffix !== undefined) return `S3 reserves the suffix ${suffix}`
  return undefined
}

// `sthree-` covers `sthree-configurator`, which the rules also name.
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const
// Access point aliases, Object Lambda access point aliases, Multi-Region Access Points, directory buckets,
// table buckets.
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'] as const
