import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LimitedFileSink } from './limited-file-sink.js'

const dir = mkdtempSync(join(tmpdir(), 'crmkit-sink-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('LimitedFileSink', () => {
  it('destroyed mid-write (a client gone mid-file), removes its file', async () => {
    for (let i = 0; i < 20; i++) {
      const path = join(dir, `cut-${i}`)
      const sink = new LimitedFileSink(path, 10 * 1024 * 1024)
      sink.on('error', () => undefined)
      // Once the file is open, a write goes to the thread pool; destroying then leaves it in flight.
      await new Promise<void>((resolve) => sink.write(Buffer.alloc(16), () => resolve()))
      for (let j = 0; j < 8; j++) sink.write(Buffer.alloc(256 * 1024, j))
      sink.destroy(new Error('client gone'))
      await new Promise((resolve) => sink.once('close', resolve))
      await new Promise((resolve) => setTimeout(resolve, 5))
      expect(existsSync(path)).toBe(false)
    }
  })

  it('keeps a file written whole, and drops one past its limit while still counting', async () => {
    const kept = new LimitedFileSink(join(dir, 'kept'), 100)
    kept.end(Buffer.alloc(100, 1))
    await new Promise((resolve) => kept.once('close', resolve))
    expect([existsSync(join(dir, 'kept')), kept.size, kept.stored]).toEqual([true, 100, true])
    const big = new LimitedFileSink(join(dir, 'big'), 100)
    big.end(Buffer.alloc(101, 1))
    await new Promise((resolve) => big.once('close', resolve))
    expect([existsSync(join(dir, 'big')), big.size, big.stored]).toEqual([false, 101, false])
  })
})
