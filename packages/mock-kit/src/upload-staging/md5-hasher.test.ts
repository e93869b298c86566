import { createHash, randomBytes } from 'node:crypto'
import { appendFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createMd5Hasher } from './md5-hasher.js'

const dir = mkdtempSync(join(tmpdir(), 'crmkit-md5-test-'))
const hasher = createMd5Hasher()
afterAll(async () => {
  await hasher.close()
  rmSync(dir, { recursive: true, force: true })
})

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex')

describe('createMd5Hasher', () => {
  it('hashes a file as it grows, interleaving sessions, and matches MD5 of the whole', async () => {
    const parts = [randomBytes(300_000), randomBytes(1), Buffer.alloc(0), randomBytes(700_001)]
    const paths = [join(dir, 'a'), join(dir, 'b')]
    for (const path of paths) writeFileSync(path, '')
    const sessions = paths.map((path) => hasher.begin(path))
    let length = 0
    for (const part of parts) {
      length += part.length
      for (const [index, path] of paths.entries()) {
        appendFileSync(path, part)
        sessions[index]?.advance(length)
      }
    }
    const digests = await Promise.all(sessions.map((session) => session.finish(length)))
    expect(digests).toEqual([md5(Buffer.concat(parts)), md5(Buffer.concat(parts))])
  })

  it('gives the MD5 of an empty file', async () => {
    const path = join(dir, 'empty')
    writeFileSync(path, '')
    expect(await hasher.begin(path).finish(0)).toBe('d41d8cd98f00b204e9800998ecf8427e')
  })

  it('fails a session whose file is missing or shorter than reported, and goes on with the others', async () => {
    const missing = hasher.begin(join(dir, 'no-such-file'))
    await expect(missing.finish(0)).rejects.toThrow(/MD5 of an upload failed/)
    const short = join(dir, 'short')
    writeFileSync(short, 'abc')
    await expect(hasher.begin(short).finish(4)).rejects.toThrow(/ended at 3 bytes/)
    const fine = join(dir, 'fine')
    writeFileSync(fine, 'abc')
    expect(await hasher.begin(fine).finish(3)).toBe(md5(Buffer.from('abc')))
  })

  it('lets a cancelled session go, even once its file is removed', async () => {
    const path = join(dir, 'cancelled')
    writeFileSync(path, randomBytes(1000))
    const session = hasher.begin(path)
    session.advance(1000)
    unlinkSync(path)
    session.cancel()
    await expect(session.finish(1000)).rejects.toThrow(/has ended/)
  })

  it('fails open sessions on close, and starts a new worker for the next one', async () => {
    const own = createMd5Hasher()
    const path = join(dir, 'closing')
    writeFileSync(path, 'x')
    const session = own.begin(path)
    await own.close()
    await expect(session.finish(1)).rejects.toThrow()
    expect(await own.begin(path).finish(1)).toBe(md5(Buffer.from('x')))
    await own.close()
  })
})
