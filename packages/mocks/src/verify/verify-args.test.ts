import { describe, expect, it } from 'vitest'
import { readVerifyArgs } from './verify-args.js'

describe('readVerifyArgs: the S3 emulator', () => {
  it('takes a virtual-hosted --s3-host and --s3-buckets, refusing what S3 would not take', () => {
    expect(
      readVerifyArgs([
        './pacts',
        '--s3-host',
        'acme.s3.eu-west-1.amazonaws.com',
        '--s3-bucket',
        'one',
        '--s3-bucket',
        'two.2',
      ]).s3,
    ).toEqual({ host: 'acme.s3.eu-west-1.amazonaws.com', buckets: ['one', 'two.2'] })
    expect(readVerifyArgs(['./pacts']).s3).toEqual({ host: undefined, buckets: [] })
    expect(() => readVerifyArgs(['./pacts', '--s3-host', 's3.eu-west-1.amazonaws.com'])).toThrow(
      /--s3-host s3\.eu-west-1\.amazonaws\.com: a bucket's virtual-hosted address/,
    )
    expect(() => readVerifyArgs(['./pacts', '--s3-bucket', 'Acme_Uploads'])).toThrow(
      /--s3-bucket Acme_Uploads: 3 to 63 lower-case/,
    )
  })
})
