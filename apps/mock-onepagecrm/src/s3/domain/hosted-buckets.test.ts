import { describe, expect, it } from 'vitest'
import { createHostedBuckets, MAX_HOSTED_BUCKETS } from './hosted-buckets.js'

describe('createHostedBuckets', () => {
  it('lists the configured buckets first, then those added, each once; a reset keeps the configured ones', () => {
    const buckets = createHostedBuckets(['first-bucket', 'first-bucket', 'second-bucket'])
    expect(buckets.add(['added-b', 'added-a', 'added-b', 'first-bucket'])).toEqual({
      ok: true,
      added: ['added-b', 'added-a'],
    })
    expect(buckets.list()).toEqual(['first-bucket', 'second-bucket', 'added-b', 'added-a'])
    expect(buckets.has('added-a')).toBe(true)
    buckets.reset()
    expect(buckets.list()).toEqual(['first-bucket', 'second-bucket'])
    expect(buckets.has('added-a')).toBe(false)
  })

  it('adds all or none: a bad name anywhere refuses the list, quoted and cut short', () => {
    const buckets = createHostedBuckets(['first-bucket'])
    const long = `x${'A'.repeat(500)}`
    const refused = buckets.add(['fine-bucket', long])
    expect(refused.ok).toBe(false)
    const error = refused.ok ? '' : refused.error
    expect(error).toMatch(
      /^"xAAA.*truncated\]" is not a valid S3 bucket name: a bucket name is 3 to 63 characters long\.$/,
    )
    expect(error.length).toBeLessThan(200)
    expect(buckets.list()).toEqual(['first-bucket'])
  })

  it(`stops at ${MAX_HOSTED_BUCKETS} in all; a start with more keeps them and adds none`, () => {
    const names = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`)
    const buckets = createHostedBuckets(names(10, 'configured'))
    expect(buckets.add(names(MAX_HOSTED_BUCKETS - 9, 'added')).ok).toBe(false)
    expect(buckets.list()).toHaveLength(10)
    expect(buckets.add(names(MAX_HOSTED_BUCKETS - 10, 'added')).ok).toBe(true)
    expect(buckets.list()).toHaveLength(MAX_HOSTED_BUCKETS)

    const crowded = createHostedBuckets(names(MAX_HOSTED_BUCKETS + 5, 'configured'))
    expect(crowded.add(['configured-0'])).toEqual({ ok: true, added: [] })
    expect(crowded.add(['one-more']).ok).toBe(false)
    crowded.reset()
    expect(crowded.list()).toHaveLength(MAX_HOSTED_BUCKETS + 5)
  })
})
