import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { pipeline } from 'node:stream/promises'
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
  const store = await createFileStore(root)
  stores.push(store)
  return { root, store, staged: () => readdirSync(join(root, 'tmp')) }
}

async function receive(store: FileStore, content: string, maxSize = 1000) {
  const file = await store.begin(maxSize)
  await pipeline(Readable.from([Buffer.from(content)]), file.sink)
  return file
}

describe('createFileStore', () => {
  it('empties tmp/ at start and keeps kept files', async () => {
    const root = join(base, 'restart')
    mkdirSync(join(root, 'tmp'), { recursive: true })
    writeFileSync(join(root, 'tmp', 'half'), 'partial')
    mkdirSync(join(root, 'files', 'a'.repeat(32)), { recursive: true })
    writeFileSync(join(root, 'files', 'a'.repeat(32), 'kept.txt'), 'kept')
    const store = await createFileStore(root)
    stores.push(store)
    expect(readdirSync(join(root, 'tmp'))).toEqual([])
    expect((await store.open(`${'a'.repeat(32)}/kept.txt`))?.size).toBe(4)
  })

  it('keeps a file under files/<32-hex key>/<filename> and serves it by its URL path', async () => {
    const { root, store, staged } = await open()
    const file = await receive(store, '%PDF-1.7 a report')
    expect([file.size, file.stored, file.head.toString()]).toEqual([17, true, '%PDF-1.7 a repor'])
    const path = await file.keep('a report.pdf')
    expect(path).toMatch(/^[0-9a-f]{32}\/a%20report\.pdf$/)
    const [key] = path.split('/')
    expect(readdirSync(join(root, 'files', key as string))).toEqual(['a report.pdf'])
    const opened = await store.open(path)
    expect(opened?.size).toBe(17)
    expect(await text(opened?.body as Readable)).toBe('%PDF-1.7 a report')
    await file.discard()
    expect([store.pending(), staged()]).toEqual([0, []])
    expect(await store.open(path)).toBeDefined()
  })

  it('opens nothing but <32-hex key>/<one name> inside its key', async () => {
    const { store } = await open()
    const path = await (await receive(store, 'x')).keep('x.txt')
    const [key] = path.split('/')
    for (const bad of [
      'x.txt',
      `${key}`,
      `${key}/x.txt/more`,
      `${'A'.repeat(32)}/x.txt`,
      `${key}/..%2F..%2Fetc%2Fpasswd`,
      `${key}/%2E%2E`,
      `${key}/missing.txt`,
    ])
      expect(await store.open(bad)).toBeUndefined()
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
