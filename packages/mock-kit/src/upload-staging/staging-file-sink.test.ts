import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { finished, pipeline } from 'node:stream/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { createMd5Hasher } from './md5-hasher.js'
import { StagingFileSink } from './staging-file-sink.js'

const dir = mkdtempSync(join(tmpdir(), 'crmkit-sink-test-'))
const hasher = createMd5Hasher()
afterAll(async () => {
  await hasher.close()
  rmSync(dir, { recursive: true, force: true })
})

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex')

/** `data` cut into chunks of the given sizes, in turn, as a socket and a parser would hand them on. */
function chunked(data: Buffer, sizes: number[]): Readable {
  const chunks: Buffer[] = []
  for (let offset = 0, turn = 0; offset < data.length; turn++) {
    const size = sizes[turn % sizes.length] as number
    chunks.push(data.subarray(offset, offset + size))
    offset += size
  }
  return Readable.from(chunks, { objectMode: false })
}

describe('StagingFileSink', () => {
  it('writes and hashes a body of many batches, whatever the chunk sizes, and the last partial batch', async () => {
    // 3.3 MiB: three full 1 MiB batches and a partial one, in chunks that never line up with a batch.
    const data = randomBytes(3 * 1024 * 1024 + 300_001)
    const path = join(dir, 'many')
    const sink = new StagingFileSink(path, { hasher })
    await pipeline(chunked(data, [65_536, 1, 40_000, 131_071]), sink)
    expect(sink.stored).toBe(true)
    expect(sink.size).toBe(data.length)
    expect(sink.md5).toBe(md5(data))
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('writes every batch without a hasher, and has no MD5', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 17)
    const path = join(dir, 'unhashed')
    const sink = new StagingFileSink(path)
    await pipeline(chunked(data, [65_536, 3]), sink)
    expect([sink.stored, sink.size, sink.md5]).toEqual([true, data.length, undefined])
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('keeps the first 16 bytes as its head, across chunks and past the limit', async () => {
    const data = randomBytes(40)
    const sink = new StagingFileSink(join(dir, 'head'), { maxSize: 10 })
    await pipeline(chunked(data, [1, 2, 5, 32]), sink)
    expect(sink.head.equals(data.subarray(0, 16))).toBe(true)
    const short = new StagingFileSink(join(dir, 'short-head'))
    await pipeline(Readable.from([Buffer.from('GIF8')]), short)
    expect(short.head.toString()).toBe('GIF8')
  })

  it('stores an empty body with the MD5 of nothing', async () => {
    const path = join(dir, 'empty')
    const sink = new StagingFileSink(path, { hasher })
    await pipeline(Readable.from([]), sink)
    expect(sink.md5).toBe('d41d8cd98f00b204e9800998ecf8427e')
    expect([readFileSync(path).length, sink.head.length]).toEqual([0, 0])
  })

  it('removes the file once the body passes maxSize, and still counts every byte', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 5)
    const path = join(dir, 'over')
    const sink = new StagingFileSink(path, { maxSize: 1024 * 1024 + 10, hasher })
    await pipeline(chunked(data, [65_536]), sink)
    expect(sink.stored).toBe(false)
    expect(sink.size).toBe(data.length)
    expect(existsSync(path)).toBe(false)
    expect(sink.md5).toBeUndefined()
  })

  it('keeps a body of exactly maxSize, and drops one byte more', async () => {
    const data = randomBytes(1024 * 1024 + 10)
    const path = join(dir, 'exact')
    const sink = new StagingFileSink(path, { maxSize: data.length, hasher })
    await pipeline(chunked(data, [65_536]), sink)
    expect(sink.stored).toBe(true)
    expect(sink.md5).toBe(md5(data))
    const small = new StagingFileSink(join(dir, 'one-more'), { maxSize: 100 })
    await pipeline(Readable.from([Buffer.alloc(101, 1)]), small)
    expect([existsSync(join(dir, 'one-more')), small.size, small.stored]).toEqual([false, 101, false])
  })

  it('destroyed mid-body (a client gone mid-file), removes its file, with or without a hasher', async () => {
    for (const [index, options] of [{}, { hasher }].entries()) {
      const path = join(dir, `cut-${index}`)
      const sink = new StagingFileSink(path, options)
      sink.on('error', () => undefined)
      // Past one batch, so bytes are on disk (and with the hasher, being read back) when it is cut.
      for (let j = 0; j < 6; j++) sink.write(Buffer.alloc(256 * 1024, j))
      await new Promise<void>((resolve) => sink.write(Buffer.alloc(16), () => resolve()))
      expect(existsSync(path)).toBe(true)
      sink.destroy(new Error('client gone'))
      await finished(sink).catch(() => undefined)
      expect(existsSync(path)).toBe(false)
    }
  })

  it('never removes a file it did not create', async () => {
    const path = join(dir, 'taken')
    writeFileSync(path, 'somebody else')
    const sink = new StagingFileSink(path)
    await expect(pipeline(Readable.from([Buffer.from('x')]), sink)).rejects.toThrow(/EEXIST/)
    expect(readFileSync(path, 'utf8')).toBe('somebody else')
  })
})
