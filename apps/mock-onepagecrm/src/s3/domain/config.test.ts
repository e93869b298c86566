import { describe, expect, it } from 'vitest'
import { createS3Config, DEFAULT_BUCKET } from './config.js'

describe('createS3Config', () => {
  it('hosts only buckets S3 could have, naming the first it refuses and why', () => {
    expect(createS3Config().buckets).toEqual([DEFAULT_BUCKET])
    expect(createS3Config({ buckets: ['acme-uploads', 'acme.reports'] }).buckets).toEqual([
      'acme-uploads',
      'acme.reports',
    ])
    expect(() => createS3Config({ buckets: ['acme-uploads', 'Acme_Uploads'] })).toThrow(
      '"Acme_Uploads" is not a valid S3 bucket name: a bucket name holds only lower-case letters, digits, dots and hyphens.',
    )
    expect(() => createS3Config({ buckets: ['192.168.5.4'] })).toThrow('not formatted as an IP address')
    expect(() => createS3Config({ buckets: ['x'.repeat(5000)] })).toThrow(/truncated\]" is not a valid/)
  })
})
