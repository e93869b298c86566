import { describe, expect, it } from 'vitest'
import { interceptVendors, startMocks, startS3 } from '../src/index.js'

// `s3.buckets` of the info is the emulator's live list: what `POST /__admin/seed` adds on the S3 port,
// until a reset.

const DEFAULT_BUCKET = 'onepagecrm-up-eu-central-1'

const seed = async (url: string, buckets: readonly string[]) => {
  const response = await fetch(`${url}/__admin/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ buckets }),
  })
  return { status: response.status, body: (await response.json()) as unknown }
}

/** What a fetch the interception refused failed with (undici puts it in `cause`). */
const unmatched = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error & { cause?: Error & { code?: string } }) => error.cause ?? error,
  )

describe('s3.buckets: the buckets hosted now', () => {
  it('startMocks(): the seed adds to mocks.s3.buckets and info.s3.buckets (and what --json prints); a reset removes them', async () => {
    const mocks = await startMocks({ services: ['s3'] })
    try {
      const url = mocks.s3?.url as string
      expect(await seed(url, ['acme-uploads'])).toEqual({
        status: 201,
        body: { created: { buckets: ['acme-uploads'] } },
      })
      expect(mocks.s3?.buckets).toEqual([DEFAULT_BUCKET, 'acme-uploads'])
      expect(mocks.info.s3?.buckets).toEqual([DEFAULT_BUCKET, 'acme-uploads'])
      expect(JSON.parse(JSON.stringify(mocks.info)).s3.buckets).toEqual([DEFAULT_BUCKET, 'acme-uploads'])
      // The first bucket stays OnePageCRM's.
      expect(mocks.s3?.bucket).toBe(DEFAULT_BUCKET)
      await mocks.reset()
      expect(mocks.s3?.buckets).toEqual([DEFAULT_BUCKET])
    } finally {
      await mocks.close()
    }
  })

  it('startS3(): its own buckets are the live list too', async () => {
    const s3 = await startS3({ s3: { buckets: ['first-bucket'] } })
    try {
      await seed(s3.url, ['second-bucket'])
      expect(s3.buckets).toEqual(['first-bucket', 'second-bucket'])
      expect(s3.info.buckets).toEqual(['first-bucket', 'second-bucket'])
    } finally {
      await s3.close()
    }
  })

  it("interceptVendors(): an added bucket's virtual-hosted address reaches the emulator", async () => {
    const mocks = await interceptVendors({ services: ['s3'] })
    try {
      const object = 'https://acme-uploads.s3.eu-central-1.amazonaws.com/a.txt'
      // Not one of the emulator's buckets: not intercepted, so refused (`unmatched: 'error'`).
      expect(await unmatched(fetch(object))).toMatchObject({ code: 'ECRMKIT_UNMATCHED' })
      expect(await seed(mocks.s3?.url as string, ['acme-uploads'])).toMatchObject({ status: 201 })
      const answer = await fetch(object)
      // A private bucket: an anonymous GET is S3's 403, from the emulator.
      expect([answer.status, await answer.text()]).toEqual([
        403,
        expect.stringContaining('<Code>AccessDenied</Code>'),
      ])
      await mocks.reset()
      expect(await unmatched(fetch(object))).toMatchObject({ code: 'ECRMKIT_UNMATCHED' })
    } finally {
      await mocks.restore()
    }
  })
})
