import { describe, expect, it } from 'vitest'
import { readPact } from './pact-source.js'
import { bucketlessNotices, s3Addressing } from './s3-addressing.js'
import { createStateRegistry } from './state-registry.js'
import { BUILT_IN_STATES } from './vocabulary.js'

const pact = (interactions: unknown[]) =>
  readPact('p.json', '/p.json', { consumer: { name: 'c' }, provider: { name: 'S3' }, interactions })
const registry = createStateRegistry(BUILT_IN_STATES, 1)
const DEFAULT = 'onepagecrm-up-eu-central-1'

describe('s3Addressing', () => {
  it('hosts the buckets of path-style requests, and no bucket for a virtual-hosted path', () => {
    const source = pact([
      { request: { method: 'POST', path: '/my-bucket' } },
      { request: { method: 'POST', path: '/' } },
      { request: { method: 'GET', path: '/my-bucket/a/b.txt' } },
      { request: { method: 'POST', path: '/Not_A_Bucket' } },
    ])
    expect(s3Addressing({ pact: source, registry })).toEqual({ buckets: [DEFAULT, 'my-bucket'] })
  })

  it('hosts the bucket a recorded Host names and takes its region; the path is then a key, not a bucket', () => {
    const source = pact([
      {
        request: {
          method: 'GET',
          path: '/invoices/q1.txt',
          headers: { host: ['acme-uploads.s3.us-west-2.amazonaws.com'] },
        },
      },
      { request: { method: 'POST', path: '/', headers: { Host: 'legacy.s3.amazonaws.com' } } },
    ])
    expect(s3Addressing({ pact: source, registry })).toEqual({
      buckets: [DEFAULT, 'acme-uploads', 'legacy'],
      region: 'us-west-2',
    })
  })

  it('reads --s3-host for every request (paths are keys), and adds the --s3-bucket ones', () => {
    const source = pact([{ request: { method: 'GET', path: '/invoices/q1.txt' } }])
    expect(
      s3Addressing({
        pact: source,
        host: 'acme-uploads.s3.eu-west-1.amazonaws.com',
        buckets: ['spare-bucket'],
        registry,
      }),
    ).toEqual({ buckets: [DEFAULT, 'spare-bucket', 'acme-uploads'], region: 'eu-west-1' })
    expect(s3Addressing({ registry, buckets: ['spare-bucket'] })).toEqual({
      buckets: [DEFAULT, 'spare-bucket'],
    })
  })

  it('hosts the buckets its provider states name, in params or in the sentence', () => {
    const source = pact([
      {
        providerStates: [{ name: 'the bucket {bucket} exists', params: { bucket: 'from-params' } }],
        request: {
          method: 'POST',
          path: '/',
          headers: { Host: 'from-params.s3.eu-central-1.amazonaws.com' },
        },
      },
      {
        providerStates: [{ name: 'object a.txt exists in bucket from-sentence' }],
        request: { method: 'GET', path: '/', headers: { Host: 'from-params.s3.eu-central-1.amazonaws.com' } },
      },
    ])
    expect(s3Addressing({ pact: source, registry }).buckets).toEqual([
      DEFAULT,
      'from-params',
      'from-sentence',
    ])
  })
})

describe('bucketlessNotices', () => {
  const source = pact([
    { description: 'upload', request: { method: 'POST', path: '/' } },
    { description: 'path-style', request: { method: 'POST', path: '/my-bucket' } },
    {
      description: 'virtual-hosted',
      request: { method: 'POST', path: '/', headers: { Host: 'acme.s3.eu-west-1.amazonaws.com' } },
    },
  ])

  it('notes each request that names no bucket, and how to give one', () => {
    expect(bucketlessNotices(source, undefined)).toEqual([
      '"upload" (POST /) names no bucket, in its path or a recorded Host: if the code addressed the bucket by its own host, pass --s3-host <bucket>.s3.<region>.amazonaws.com (or record that Host in the pact)',
    ])
  })

  it('notes nothing with --s3-host', () => {
    expect(bucketlessNotices(source, 'acme.s3.eu-west-1.amazonaws.com')).toEqual([])
  })
})
