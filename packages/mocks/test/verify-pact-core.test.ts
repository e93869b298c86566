import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findPactCore } from '../src/verify/find-pact-core.js'
import { runVerify } from '../src/verify/run-verify.js'

const project = mkdtempSync(join(tmpdir(), 'crmkit-pact-core-'))
afterAll(() => rmSync(project, { recursive: true, force: true }))

/** `crmkit-mocks verify …` in process, with what it prints. */
async function verify(argv: readonly string[], findPactCore: (cwd: string) => boolean) {
  let stdout = ''
  let stderr = ''
  const code = await runVerify(argv, {}, new URL('../src/verify/verify-worker.ts', import.meta.url), {
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
    cwd: project,
    findPactCore,
  })
  return { code, stdout, stderr }
}

describe('crmkit-mocks verify without @pact-foundation/pact-core', () => {
  it('exits 2 before starting anything, saying what is missing and the command that installs it', async () => {
    const looked: string[] = []
    const run = await verify(['./pacts'], (cwd) => {
      looked.push(cwd)
      return false
    })
    expect(run.code).toBe(2)
    expect(looked).toEqual([project])
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('crmkit-mocks verify: @pact-foundation/pact-core is not installed.')
    expect(run.stderr).toContain('Install it in your project with npm i -D @pact-foundation/pact-core@^19.2')
  })

  it('still answers --help', async () => {
    const run = await verify(['--help'], () => false)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('npm i -D @pact-foundation/pact-core@^19.2')
  })

  it("loads it from the user's project first, where the verifier's process loads it from", () => {
    const dir = join(project, 'node_modules', '@pact-foundation', 'pact-core')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: '@pact-foundation/pact-core', main: 'index.js' }),
    )
    writeFileSync(join(dir, 'index.js'), 'module.exports = {}\n')
    expect(findPactCore(project)).toBe(realpathSync(join(dir, 'index.js')))
  })
})
