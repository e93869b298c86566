import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { text } from 'node:stream/consumers'
import { afterAll, describe, expect, it } from 'vitest'
import { BUCKET, multipartBody, post, signedForm, startHarness } from './helpers.js'

const dataDir = mkdtempSync(join(tmpdir(), 'crmkit-persist-test-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('--data-dir', () => {
  it('keeps objects across a restart and removes what a crash left half-written', async () => {
    const first = await startHarness({ dataDir })
    const fields = await signedForm([{ bucket: BUCKET }, ['starts-with', '$key', '']], [['key', 'kept.txt']])
    expect((await post(first.bucketUrl, multipartBody(fields, { content: 'still here' }))).status).toBe(204)
    await first.s3.close()
    // What a crash mid-upload leaves: a temporary file and an unreferenced blob.
    writeFileSync(join(dataDir, 's3', 'tmp', 'half-written'), 'partial')
    writeFileSync(join(dataDir, 's3', 'blobs', 'orphan'), 'partial')

    const second = await startHarness({ dataDir })
    try {
      expect(await second.s3.store.head(BUCKET, 'kept.txt')).toMatchObject({ size: 10 })
      expect(readdirSync(join(dataDir, 's3', 'tmp'))).toEqual([])
      expect(readdirSync(join(dataDir, 's3', 'blobs'))).not.toContain('orphan')
    } finally {
      await second.s3.close()
    }
  })

  // The harness's seeded randomness repeats the ids of the run above: none may land on a blob in use.
  it('removes the bytes an overwrite replaced, by the time close() resolves', async () => {
    const harness = await startHarness({ dataDir })
    const fields = await signedForm([{ bucket: BUCKET }, ['starts-with', '$key', '']], [['key', 'twice.txt']])
    for (const content of ['first', 'second'])
      expect((await post(harness.bucketUrl, multipartBody(fields, { content }))).status).toBe(204)
    await harness.s3.close()
    // kept.txt from the test above, and the second twice.txt.
    expect(readdirSync(join(dataDir, 's3', 'blobs'))).toHaveLength(2)
    const reopened = await startHarness({ dataDir })
    try {
      expect(await reopened.s3.store.head(BUCKET, 'kept.txt')).toMatchObject({ size: 10 })
      expect(await reopened.s3.store.head(BUCKET, 'twice.txt')).toMatchObject({ size: 6 })
      const kept = await reopened.s3.store.open(BUCKET, 'kept.txt')
      expect(kept && (await text(kept.body))).toBe('still here')
    } finally {
      await reopened.s3.close()
    }
  })
})

describe('without --data-dir', () => {
  it('keeps metadata in memory only and removes everything on close', async () => {
    const harness = await startHarness()
    const fields = await signedForm([{ bucket: BUCKET }, ['starts-with', '$key', '']], [['key', 'memo.txt']])
    expect((await post(harness.bucketUrl, multipartBody(fields, { content: 'in memory' }))).status).toBe(204)
    expect(await harness.s3.store.head(BUCKET, 'memo.txt')).toMatchObject({ size: 9 })
    expect(readdirSync(join(harness.s3.storageDir, 'objects'))).toEqual([])
    expect(readdirSync(join(harness.s3.storageDir, 'blobs'))).toHaveLength(1)
    await harness.s3.close()
    expect(existsSync(harness.s3.storageDir)).toBe(false)
  })
})
