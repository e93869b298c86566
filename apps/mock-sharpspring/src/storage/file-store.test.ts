import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { pipeline } from 'node:stream/promises'
import { createManualClock, cryptoRandomBytes } from '@crmkit/mock-kit'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileStore, type FileStore } from './file-store.js'

const base = mkdtempSync(join(tmpdir(), 'crmkit-sharpspring-files-'))
const stores: FileStore[] = []
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()))
  rmSync(base, { recursive: true, force: true })
})

let roots = 0
async function open() {
  const root = join(base, String(roots++))
  const store = await createFileStore(root, cryptoRandomBytes)
  stores.push(store)
  return { root, store, staged: () => readdirSync(join(root, 'tmp')) }
}

async function receive(store: FileStore, content: string, maxSize = 1000) {
  const file = await store.begin(maxSize)
  await pipeline(Readable.from([Buffer.from(content)]), file.sink)
  return file
}

describe('createFileStore', () => {
  it('lists kept files with their size and the time the mocks clock gave when they were kept', async () => {
    const clock = createManualClock(new Date('2031-05-06T07:08:09.000Z'))
    const root = join(base, 'listing')
    const store = await createFileStore(root, cryptoRandomBytes, clock)
    stores.push(store)
    expect(await store.list()).toEqual([])
    const path = await (await receive(store, 'hello')).keep('a b.txt')
    clock.advance(60_000)
    const refused = await receive(store, 'not kept')
    await refused.discard()
    const [key] = path.split('/')
    expect(await store.list()).toEqual([
      { key, name: 'a b.txt', size: 5, kept: new Date('2031-05-06T07:08:09.000Z') },
    ])
  })

  it('empties tmp/ at start and keeps kept files', async () => {
    const root = join(base, 'restart')
    mkdirSync(join(root, 'tmp'), { recursive: true })
    writeFileSync(join(root, 'tmp', 'half'), 'partial')
    mkdirSync(join(root, 'files', 'a'.repeat(32)), { recursive: true })
    writeFileSync(join(root, 'files', 'a'.repeat(32), 'kept.txt'), 'kept')
    const store = await createFileStore(root, cryptoRandomBytes)
    stores.push(store)
    expect(readdirSync(join(root, 'tmp'))).toEqual([])
    expect((await store.open('a'.repeat(32), 'kept.txt'))?.size).toBe(4)
  })

  it('keeps a file under files/<32-hex key>/<filename> and serves it by its URL path', async () => {
    const { root, store, staged } = await open()
    const file = await receive(store, '%PDF-1.7 a report')
    expect([file.size, file.stored, file.head.toString()]).toEqual([17, true, '%PDF-1.7 a repor'])
    const path = await file.keep('a report.pdf')
    expect(path).toMatch(/^[0-9a-f]{32}\/a%20report\.pdf$/)
    const [key] = path.split('/')
    expect(readdirSync(join(root, 'files', key as string))).toEqual(['a report.pdf'])
    const opened = await store.open(key as string, 'a report.pdf')
    expect(opened?.size).toBe(17)
    expect(await text(opened?.body as Readable)).toBe('%PDF-1.7 a report')
    await file.discard()
    expect([store.pending(), staged()]).toEqual([0, []])
    expect(await store.open(key as string, 'a report.pdf')).toBeDefined()
  })

  it('opens nothing but a regular file named once inside its key', async () => {
    const { store } = await open()
    const path = await (await receive(store, 'x')).keep('x.txt')
    const key = path.split('/')[0] as string
    for (const [badKey, badName] of [
      ['x.txt', 'x.txt'],
      [key, ''],
      [key, '.'],
      [key, '..'],
      [key, 'x.txt/more'],
      ['A'.repeat(32), 'x.txt'],
      [key, '../../etc/passwd'],
      [key, 'x.txt\0'],
      [key, 'x%2Etxt'],
      [key, 'missing.txt'],
    ])
      expect(await store.open(badKey as string, badName as string)).toBeUndefined()
    expect(await store.open(key, 'x.txt')).toBeDefined()
  })

  it('keeps a name with % as it is, and removes kept files by path or when no record points at them', async () => {
    const { root, store } = await open()
    const odd = await (await receive(store, 'odd')).keep('100% sure.txt')
    expect(odd).toMatch(/\/100%25%20sure\.txt$/)
    const oddKey = odd.split('/')[0] as string
    expect(await store.open(oddKey, '100% sure.txt')).toBeDefined()
    const other = (await (await receive(store, 'other')).keep('other.txt')).split('/')[0] as string
    const gone = await (await receive(store, 'gone')).keep('gone.txt')
    await store.remove(gone)
    expect(readdirSync(join(root, 'files')).sort()).toEqual([oddKey, other].sort())
    await store.retainOnly(new Set([other]))
    expect(readdirSync(join(root, 'files'))).toEqual([other])
  })

  it('leaves nothing of a file over the limit or discarded, and clear() removes kept files', async () => {
    const { root, store, staged } = await open()
    const big = await receive(store, 'x'.repeat(11), 10)
    expect([big.stored, big.size, staged()]).toEqual([false, 11, []])
    await big.discard()
    const dropped = await receive(store, 'dropped')
    await dropped.discard()
    await dropped.discard()
    expect([store.pending(), staged()]).toEqual([0, []])
    await (await receive(store, 'kept')).keep('kept.txt')
    await store.clear()
    expect(readdirSync(join(root, 'files'))).toEqual([])
  })

  it('a file that cannot be kept stays to be discarded, with no empty key left', async () => {
    const { root, store, staged } = await open()
    const file = await receive(store, 'x')
    await expect(file.keep('')).rejects.toThrow()
    expect(readdirSync(join(root, 'files'))).toEqual([])
    expect(store.pending()).toBe(1)
    await file.discard()
    expect([store.pending(), staged()]).toEqual([0, []])
  })

  it('close() discards files still arriving', async () => {
    const { store, staged } = await open()
    const file = await store.begin(1000)
    await new Promise<void>((resolve) => file.sink.write(Buffer.from('part of a file'), () => resolve()))
    expect(staged()).toHaveLength(1)
    await store.close()
    expect([store.pending(), staged()]).toEqual([0, []])
  })
})
