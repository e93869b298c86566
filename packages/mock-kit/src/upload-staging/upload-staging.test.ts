import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { finished, pipeline } from 'node:stream/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { createUploadStaging, type UploadStaging } from './upload-staging.js'

const root = mkdtempSync(join(tmpdir(), 'crmkit-staging-test-'))
const opened: UploadStaging[] = []
afterAll(async () => {
  await Promise.all(opened.map((staging) => staging.close()))
  rmSync(root, { recursive: true, force: true })
})

let dirs = 0
/** A staging store in a directory of its own, with a place beside it to move files to. */
async function open(md5 = false) {
  const base = join(root, String(dirs++))
  const kept = join(base, 'kept')
  mkdirSync(kept, { recursive: true })
  const dir = join(base, 'tmp')
  const staging = await createUploadStaging({ dir, md5 })
  opened.push(staging)
  return { staging, dir, kept, staged: () => readdirSync(dir) }
}

/** `count` chunks of 64 KiB, made as they are read, so no test holds a large body in memory. */
function body(count: number): Readable {
  let sent = 0
  return new Readable({
    read() {
      this.push(sent < count ? Buffer.alloc(65_536, sent++ % 251) : null)
    },
  })
}

function md5Of(count: number): string {
  const hash = createHash('md5')
  for (let i = 0; i < count; i++) hash.update(Buffer.alloc(65_536, i % 251))
  return hash.digest('hex')
}

describe('createUploadStaging', () => {
  it('empties its directory at start', async () => {
    const dir = join(root, 'leftovers')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'half-written'), 'partial')
    const staging = await createUploadStaging({ dir })
    opened.push(staging)
    expect(readdirSync(dir)).toEqual([])
  })

  it('moves a finished upload to its place, hashed, and leaves nothing staged', async () => {
    const { staging, kept, staged } = await open(true)
    const upload = staging.begin({ maxSize: 40 * 65_536 })
    expect(staging.pending()).toBe(1)
    await pipeline(body(40), upload.sink)
    expect([upload.size, upload.stored, upload.head.equals(Buffer.alloc(16, 0))]).toEqual([
      40 * 65_536,
      true,
      true,
    ])
    expect(upload.md5()).toBe(md5Of(40))
    await upload.moveTo(join(kept, 'file'))
    expect([staging.pending(), staged()]).toEqual([0, []])
    expect(readFileSync(join(kept, 'file')).length).toBe(40 * 65_536)
    // Discarding after the move leaves the moved file alone.
    await upload.discard()
    expect(existsSync(join(kept, 'file'))).toBe(true)
    await expect(upload.moveTo(join(kept, 'again'))).rejects.toThrow(/already moved/)
  })

  it('has no MD5 unless asked for one', async () => {
    const { staging } = await open()
    const upload = staging.begin()
    await pipeline(Readable.from([Buffer.from('abc')]), upload.sink)
    expect(() => upload.md5()).toThrow(/not hashed/)
    await upload.discard()
  })

  it('discards a finished upload: its bytes go, twice is harmless, and it cannot be moved after', async () => {
    const { staging, kept, staged } = await open(true)
    const upload = staging.begin()
    await pipeline(body(3), upload.sink)
    expect(staged()).toHaveLength(1)
    await Promise.all([upload.discard(), upload.discard()])
    await upload.discard()
    expect([staging.pending(), staged()]).toEqual([0, []])
    await expect(upload.moveTo(join(kept, 'late'))).rejects.toThrow(/already discarded/)
  })

  it('an upload past its limit: the bytes go at once, the size is still counted, and it cannot be kept', async () => {
    const { staging, kept, staged } = await open(true)
    const upload = staging.begin({ maxSize: 65_536 * 20 - 1 })
    await pipeline(body(30), upload.sink)
    expect([upload.stored, upload.size, staged()]).toEqual([false, 30 * 65_536, []])
    expect(staging.pending()).toBe(1)
    await expect(upload.moveTo(join(kept, 'big'))).rejects.toThrow(/past its size limit/)
    expect(existsSync(join(kept, 'big'))).toBe(false)
    await upload.discard()
    expect(staging.pending()).toBe(0)
  })

  it('a body broken mid-stream leaves no file and no pending upload, discarded or not', async () => {
    for (const discard of [false, true]) {
      const { staging, staged } = await open(true)
      const upload = staging.begin()
      // 3 MiB arrive (so bytes are on disk, and being hashed), then the client is gone mid-file.
      let sent = 0
      const source = new Readable({
        read() {
          if (sent++ < 48) this.push(Buffer.alloc(65_536, 7))
          else this.destroy(new Error('client gone'))
        },
      })
      await expect(pipeline(source, upload.sink)).rejects.toThrow(/client gone/)
      expect(upload.size).toBe(48 * 65_536)
      await finished(upload.sink).catch(() => undefined)
      if (discard) await upload.discard()
      expect([staging.pending(), staged()]).toEqual([0, []])
    }
  })

  it('a sink destroyed before any byte arrived leaves no file', async () => {
    const { staging, staged } = await open(true)
    const upload = staging.begin()
    upload.sink.on('error', () => undefined)
    upload.sink.destroy(new Error('refused before the file'))
    await finished(upload.sink).catch(() => undefined)
    expect([staging.pending(), staged()]).toEqual([0, []])
  })

  it('a move that fails leaves the upload pending, to be discarded', async () => {
    const { staging, kept, staged } = await open()
    const upload = staging.begin()
    await pipeline(body(2), upload.sink)
    await expect(upload.moveTo(join(kept, 'no-such-dir', 'file'))).rejects.toThrow(/ENOENT/)
    expect([staging.pending(), staged()]).toEqual([1, ['1']])
    await upload.discard()
    expect([staging.pending(), staged()]).toEqual([0, []])
  })

  it('close() discards what is pending, mid-body or finished, and takes no new upload', async () => {
    const { staging, staged } = await open(true)
    const finishedUpload = staging.begin()
    await pipeline(body(2), finishedUpload.sink)
    const midBody = staging.begin()
    midBody.sink.on('error', () => undefined)
    await new Promise<void>((resolve) => midBody.sink.write(Buffer.alloc(2 * 1024 * 1024), () => resolve()))
    expect(staged()).toHaveLength(2)
    await staging.close()
    expect([staging.pending(), staged()]).toEqual([0, []])
    expect(() => staging.begin()).toThrow(/closed/)
  })
})
