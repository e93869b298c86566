import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
})
