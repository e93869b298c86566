import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import ts from 'typescript'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTempDir } from './temp-dir.js'

const scratch = mkdtempSync(join(tmpdir(), 'crmkit-temp-dir-test-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** This module as plain JavaScript, for child processes (Node 20 cannot run TypeScript). */
beforeAll(() => {
  const source = readFileSync(new URL('./temp-dir.ts', import.meta.url), 'utf8')
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  })
  writeFileSync(join(scratch, 'temp-dir.mjs'), outputText)
  writeFileSync(
    join(scratch, 'child.mjs'),
    [
      "import { writeFileSync } from 'node:fs'",
      "import { join } from 'node:path'",
      "import { createTempDir } from './temp-dir.mjs'",
      "const dir = createTempDir('crmkit-child-', { root: process.argv[2] })",
      "writeFileSync(join(dir.path, 'stored.bin'), 'a file the child kept')",
      'console.log(dir.path)',
      "if (process.argv[3] === 'exit') process.exit(0)",
      'setInterval(() => {}, 1000)',
    ].join('\n'),
  )
})

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

/** A node process that makes a temporary directory under `root`; resolves with it and the directory. */
async function childWithDir(root: string, mode: 'stay' | 'exit' = 'stay') {
  const child = spawn(process.execPath, [join(scratch, 'child.mjs'), root, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const path = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve),
  )
  return { child, path, exited }
}

const freshRoot = () => mkdtempSync(join(scratch, 'root-'))

describe('createTempDir', () => {
  it('removes what a process killed with SIGKILL left, at the next start', async () => {
    const root = freshRoot()
    const killed = await childWithDir(root)
    const leftover = dirname(killed.path)
    killed.child.kill('SIGKILL')
    await killed.exited
    // A crash runs no exit handler: the directory and its file are still there.
    expect(readFileSync(join(killed.path, 'stored.bin'), 'utf8')).toBe('a file the child kept')

    const next = createTempDir('crmkit-next-', { root })
    expect(existsSync(leftover)).toBe(false)
    expect(existsSync(next.path)).toBe(true)
    next.remove()
  })

  it('leaves the directories of running processes, of other hosts and of unknown owners', async () => {
    const root = freshRoot()
    const running = await childWithDir(root)
    const parent = dirname(dirname(running.path))
    const otherHost = join(parent, '999999-other')
    mkdirSync(otherHost)
    writeFileSync(
      join(otherHost, 'owner.json'),
      JSON.stringify({ pid: 999_999, started: 0, hostname: 'another-container' }),
    )
    const unowned = join(parent, '999998-being-made')
    mkdirSync(unowned)

    const mine = createTempDir('crmkit-mine-', { root })
    expect(existsSync(running.path)).toBe(true)
    expect(existsSync(otherHost)).toBe(true)
    expect(existsSync(unowned)).toBe(true)
    mine.remove()
  })

  it('leaves nothing behind after a normal exit, or once every directory is removed', async () => {
    const root = freshRoot()
    const exiting = await childWithDir(root, 'exit')
    await exiting.exited
    expect(existsSync(dirname(exiting.path))).toBe(false)

    const a = createTempDir('crmkit-a-', { root })
    const b = createTempDir('crmkit-b-', { root })
    const own = dirname(a.path)
    expect(dirname(b.path)).toBe(own)
    expect(JSON.parse(readFileSync(join(own, 'owner.json'), 'utf8'))).toMatchObject({ pid: process.pid })
    a.remove()
    expect(existsSync(own)).toBe(true)
    b.remove()
    b.remove()
    expect(existsSync(own)).toBe(false)
    expect(readdirSync(dirname(own))).toEqual([])
  })
})
