import { describe, expect, it } from 'vitest'
import { bucketNameProblem } from './bucket-name.js'

// AWS's examples and rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
describe('bucketNameProblem: S3 naming rules for general purpose buckets', () => {
  it.each([
    'docexamplebucket1',
    'log-delivery-march-2020',
    'my-hosted-content',
    'docexamplewebsite.com',
    'www.docexamplewebsite.com',
    'my.example.s3.bucket',
    'onepagecrm-up-eu-central-1',
    'abc',
    'a'.repeat(63),
    '1.2.3',
    '999.1.1.1.1',
  ])('%s is a bucket name', (name) => {
    expect(bucketNameProblem(name)).toBeUndefined()
  })

  it.each([
    ['ab', '3 to 63 characters'],
    ['a'.repeat(64), '3 to 63 characters'],
    ['doc_example_bucket', 'lower-case letters, digits, dots and hyphens'],
    ['DocExampleBucket', 'lower-case letters, digits, dots and hyphens'],
    ['acme/uploads', 'lower-case letters, digits, dots and hyphens'],
    ['doc-example-bucket-', 'begins and ends with a letter or digit'],
    ['.acme', 'begins and ends with a letter or digit'],
    ['acme..uploads', 'no two adjacent dots'],
    ['192.168.5.4', 'IP address'],
    ['xn--bcher-kva', 'the prefix xn--'],
    ['sthree-configurator', 'the prefix sthree-'],
    ['amzn-s3-demo-bucket', 'the prefix amzn-s3-demo-'],
    ['acme-s3alias', 'the suffix -s3alias'],
    ['acme--ol-s3', 'the suffix --ol-s3'],
    ['acme.mrap', 'the suffix .mrap'],
    ['acme--x-s3', 'the suffix --x-s3'],
    ['acme--table-s3', 'the suffix --table-s3'],
  ])('%s is refused: %s', (name, why) => {
    expect(bucketNameProblem(name)).toContain(why)
  })
})
