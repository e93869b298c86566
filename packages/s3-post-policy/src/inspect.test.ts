import { describe, expect, it } from 'vitest'
import { inspectPostPolicy, precheckPostForm } from './inspect.js'
import { encodePolicy } from './sign.js'
import { BUCKET, NOW, signedForm } from './test-support.js'

const policy = encodePolicy({
  expiration: '2026-01-01T01:00:00Z',
  conditions: [
    { bucket: BUCKET },
    ['starts-with', '$key', '5f0c/'],
    ['content-length-range', 0, 100],
    ['content-length-range', 10, 1000],
    { key: '5f0c/exact' },
  ],
})

describe('inspectPostPolicy', () => {
  it('gives the expiry, the tightest size range and the key conditions', () => {
    const result = inspectPostPolicy(policy)
    expect(result.ok && result.value).toMatchObject({
      expiration: new Date('2026-01-01T01:00:00Z'),
      contentLength: { min: 10, max: 100 },
      key: { equals: ['5f0c/exact'], startsWith: ['5f0c/'] },
    })
  })

  it('returns the InvalidPolicyDocument failure for a bad policy', () => {
    const result = inspectPostPolicy('%%%')
    expect(!result.ok && result.error.code).toBe('InvalidPolicyDocument')
  })
})

describe('precheckPostForm', () => {
  const conditions = [{ bucket: BUCKET }, ['starts-with', '$key', 'user/'], ['content-length-range', 1, 10]]

  it('passes a form S3 would accept, whatever the signature', async () => {
    const fields = await signedForm(conditions, [['key', 'user/${filename}']])
    expect(precheckPostForm({ fields, filename: 'a.txt', size: 5, now: NOW })).toBeUndefined()
  })

  it('returns the failure S3 would answer: size, key prefix, expiry, extra fields', async () => {
    const fields = await signedForm(conditions, [['key', 'user/${filename}']])
    expect(precheckPostForm({ fields, filename: 'a.txt', size: 11, now: NOW })?.code).toBe('EntityTooLarge')
    const outside = fields.map(([n, v]) => [n, n === 'key' ? 'other/a' : v] as const)
    expect(precheckPostForm({ fields: outside, size: 5, now: NOW })?.message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "user/"]',
    )
    expect(precheckPostForm({ fields, size: 5, now: new Date('2026-01-01T01:00:00Z') })?.message).toBe(
      'Invalid according to Policy: Policy expired.',
    )
    expect(precheckPostForm({ fields: [...fields, ['acl', 'private']], size: 5, now: NOW })?.message).toBe(
      'Invalid according to Policy: Extra input fields: acl',
    )
  })
})
