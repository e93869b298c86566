import { describe, expect, it } from 'vitest'
import { isS3Endpoint, virtualHostedBucket } from './virtual-host.js'

describe('virtualHostedBucket: the bucket a Host header names', () => {
  it.each([
    [
      'onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com',
      'onepagecrm-up-eu-central-1',
      'eu-central-1',
    ],
    [
      'onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com:443',
      'onepagecrm-up-eu-central-1',
      'eu-central-1',
    ],
    ['ExampleBucket.S3.EU-WEST-1.amazonaws.com.', 'examplebucket', 'eu-west-1'],
    ['examplebucket.s3.amazonaws.com', 'examplebucket', 'us-east-1'],
    ['examplebucket.s3-eu-west-1.amazonaws.com', 'examplebucket', 'eu-west-1'],
    ['examplebucket.s3.dualstack.eu-central-1.amazonaws.com', 'examplebucket', 'eu-central-1'],
    ['examplebucket.s3-fips.us-gov-west-1.amazonaws.com', 'examplebucket', 'us-gov-west-1'],
    ['examplebucket.s3-fips.dualstack.us-east-2.amazonaws.com', 'examplebucket', 'us-east-2'],
    ['examplebucket.s3-external-1.amazonaws.com', 'examplebucket', 'us-east-1'],
    ['examplebucket.s3-accelerate.amazonaws.com', 'examplebucket', 'us-east-1'],
    ['my.dotted.bucket.s3.us-west-2.amazonaws.com', 'my.dotted.bucket', 'us-west-2'],
    ['s3.bucket.s3.us-west-2.amazonaws.com', 's3.bucket', 'us-west-2'],
    ['examplebucket.s3.cn-north-1.amazonaws.com.cn', 'examplebucket', 'cn-north-1'],
  ])('%s names %s in %s', (host, bucket, region) => {
    expect(virtualHostedBucket(host)).toMatchObject({ bucket, region })
  })

  it.each([
    's3.eu-central-1.amazonaws.com',
    's3.amazonaws.com',
    's3-eu-west-1.amazonaws.com',
    '127.0.0.1:4582',
    'localhost',
    'bucket.example.com',
    'bucket.s3.eu-central-1.amazonaws.com.evil.test',
    'app.onepagecrm.com',
    '',
  ])('%j is not virtual-hosted: the request is path-style', (host) => {
    expect(virtualHostedBucket(host)).toBeUndefined()
  })

  it('has no bucket without a Host', () => {
    expect(virtualHostedBucket(undefined)).toBeUndefined()
  })
})

describe('isS3Endpoint', () => {
  it.each([
    ['s3.eu-central-1.amazonaws.com', true],
    ['s3.amazonaws.com', true],
    ['s3.dualstack.eu-west-1.amazonaws.com:443', true],
    ['bucket.s3.eu-west-1.amazonaws.com', false],
    ['api.sharpspring.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isS3Endpoint(host)).toBe(expected)
  })
})
