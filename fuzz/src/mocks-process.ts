import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import type { MocksInfo, ServiceName } from '@crmkit/mocks'
import { simpleRequest } from './raw-http.js'

/**
 * The `--json` ready line of `crmkit-mocks`: the same shape `startMocks()` gives (packages/mocks/README.md),
 * every service started.
 */
export type ReadyInfo = Required<MocksInfo>

export type { ServiceName }

/** The path of the `crmkit-mocks` bin of the workspace's `@crmkit/mocks` (built by turbo's `^build`). */
export function mocksBin(): string {
  const manifest = createRequire(import.meta.url).resolve('@crmkit/mocks/package.json')
  return join(dirname(manifest), 'bin', 'crmkit-mocks.js')
}

/** Options every fuzz and crash run starts the bin with (small limits, so limits are cheap to reach). */
export const MOCK_ARGS = ['--max-file-mib', '1'] as const

/** `crmkit-mocks` in a child process on free ports with a data directory: a crash shows as its exit. */
export class MocksProcess {
  readonly #child: ChildProcess
  readonly #stderr: Buffer[] = []
  #stderrBytes = 0
  #stderrTotal = 0
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>

  private constructor(
    child: ChildProcess,
    readonly info: ReadyInfo,
    readonly dataDir: string,
  ) {
    this.#child = child
    this.exited = new Promise((resolve) => {
      const done = (code: number | null, signal: NodeJS.Signals | null) => {
        this.#exit = { code, signal }
        resolve(this.#exit)
      }
      if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode, child.signalCode)
      else child.once('exit', done)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr.push(chunk)
      this.#stderrBytes += chunk.length
      this.#stderrTotal += chunk.length
      // Keep the last ~256 KiB.
      while (this.#stderrBytes > 256 * 1024 && this.#stderr.length > 1) {
        this.#stderrBytes -= (this.#stderr.shift() as Buffer).length
      }
    })
  }

  static async start(dataDir: string, extraArgs: readonly string[] = MOCK_ARGS): Promise<MocksProcess> {
    const args = [
      mocksBin(),
      '--json',
      '--sharpspring-port',
      '0',
      '--onepagecrm-port',
      '0',
      '--s3-port',
      '0',
      '--data-dir',
      dataDir,
      ...extraArgs,
    ]
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The mocks read CRMKIT_* options from the environment: keep the fuzzer's own out of them.
      env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CRMKIT_'))),
    })
    const stderr: Buffer[] = []
    const onStderr = (chunk: Buffer) => stderr.push(chunk)
    child.stderr?.on('data', onStderr)
    const line = await new Promise<string>((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) =>
        reject(
          new Error(
            `crmkit-mocks exited (${code ?? signal}) before it was ready: ${Buffer.concat(stderr).toString()}`,
          ),
        )
      child.once('exit', onExit)
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (text) => {
        child.off('exit', onExit)
        resolve(text)
      })
    })
    child.stderr?.off('data', onStderr)
    // Keep reading stdout so that the child never blocks on a full pipe.
    child.stdout?.resume()
    const process_ = new MocksProcess(child, JSON.parse(line) as ReadyInfo, dataDir)
    for (const chunk of stderr) {
      process_.#stderr.push(chunk)
      process_.#stderrBytes += chunk.length
      process_.#stderrTotal += chunk.length
    }
    return process_
  }

  get pid(): number {
    return this.#child.pid as number
  }

  /** False once the process has exited (for whatever reason). */
  get alive(): boolean {
    return this.#exit === undefined && this.#child.exitCode === null && this.#child.signalCode === null
  }

  get exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.#exit
  }

  port(service: ServiceName): number {
    return Number(new URL(this.info[service].url).port)
  }

  /** Bytes written to stderr so far: a mark to read what came after it. */
  stderrMark(): number {
    return this.#stderrTotal
  }

  /** What the process wrote to stderr since `mark` (as much of it as is still kept). */
  stderrSince(mark: number): string {
    const all = Buffer.concat(this.#stderr)
    const keptFrom = this.#stderrTotal - all.length
    return all.subarray(Math.max(0, mark - keptFrom)).toString('utf8')
  }

  stderrTail(bytes = 4000): string {
    const all = Buffer.concat(this.#stderr)
    return all.subarray(Math.max(0, all.length - bytes)).toString('utf8')
  }

  /** `GET /__admin/health` answers 200 `{"status":"ok"}` on these ports (and the process still runs). */
  async healthy(
    services: readonly ServiceName[] = ['s3', 'onepagecrm', 'sharpspring'],
    timeoutMs = 2000,
  ): Promise<boolean> {
    if (!this.alive) return false
    try {
      for (const service of services) {
        const answer = await simpleRequest(this.port(service), 'GET', '/__admin/health', { timeoutMs })
        if (answer.status !== 200) return false
        if ((JSON.parse(answer.body.toString()) as { status?: unknown }).status !== 'ok') return false
      }
      return this.alive
    } catch {
      return false
    }
  }

  /** SIGKILL: the crash tests' power cut. */
  async kill9(): Promise<void> {
    if (this.alive) this.#child.kill('SIGKILL')
    await this.exited
  }

  /** SIGTERM (a clean stop), SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (!this.alive) return
    this.#child.kill('SIGTERM')
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 3000)
    await this.exited
    clearTimeout(timer)
  }
}

/** A fresh directory under the OS temporary directory, for one run's `--data-dir`. */
export function freshDataDir(prefix = 'crmkit-fuzz-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}
