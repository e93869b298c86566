import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { HashingFileSink } from './hashing-file-sink.js'
import { createMd5Hasher } from './md5-hasher.js'

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

describe('HashingFileSink', () => {
  it('writes and hashes a body of many batches, whatever the chunk sizes, and the last partial batch', async () => {
    // 3.3 MiB: three full 1 MiB batches and a partial one, in chunks that never line up with a batch.
    const data = randomBytes(3 * 1024 * 1024 + 300_001)
    const path = join(dir, 'many')
    const sink = new HashingFileSink(path, undefined, hasher)
    await pipeline(chunked(data, [65_536, 1, 40_000, 131_071]), sink)
    expect(sink.stored).toBe(true)
    expect(sink.size).toBe(data.length)
    expect(sink.digest()).toBe(md5(data))
    expect(readFileSync(path).equals(data)).toBe(true)
  })

  it('stores an empty body with the MD5 of nothing', async () => {
    const path = join(dir, 'empty')
    const sink = new HashingFileSink(path, undefined, hasher)
    await pipeline(Readable.from([]), sink)
    expect(sink.digest()).toBe('d41d8cd98f00b204e9800998ecf8427e')
    expect(readFileSync(path).length).toBe(0)
  })

  it('removes the file once the body passes maxSize, and still counts every byte', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 5)
    const path = join(dir, 'over')
    const sink = new HashingFileSink(path, 1024 * 1024 + 10, hasher)
    await pipeline(chunked(data, [65_536]), sink)
    expect(sink.stored).toBe(false)
    expect(sink.size).toBe(data.length)
    expect(existsSync(path)).toBe(false)
    expect(() => sink.digest()).toThrow(/not complete, or was not stored/)
  })

  it('keeps a body of exactly maxSize', async () => {
    const data = randomBytes(1024 * 1024 + 10)
    const path = join(dir, 'exact')
    const sink = new HashingFileSink(path, data.length, hasher)
    await pipeline(chunked(data, [65_536]), sink)
    expect(sink.stored).toBe(true)
    expect(sink.digest()).toBe(md5(data))
  })
})
