import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

export interface Target {
  readonly name: string
  readonly child: ChildProcess
  /** The URL to POST uploads to. */
  readonly url: string
  stop(): Promise<void>
  /** Peak resident memory of the server process so far (VmHWM), in MiB. */
  peakMemoryMiB(): number
  /** CPU time the server process has used so far, in seconds. */
  cpuTime(): CpuTime
}

export interface CpuTime {
  readonly user: number
  readonly system: number
}

/** User and system CPU seconds of a process, from /proc/<pid>/stat (fields 14 and 15, in clock ticks). */
export function processCpuTime(pid: number): CpuTime {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces, so count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticksPerSecond = 100
  return { user: Number(fields[11]) / ticksPerSecond, system: Number(fields[12]) / ticksPerSecond }
}

/** Peak resident memory of a process so far (VmHWM), in MiB; NaN once it is gone. */
export function peakMemoryMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024
  } catch {
    return Number.NaN
  }
}

/** Starts a server as a child process that prints one JSON line `{ url }` (or the mock's ready line) on stdout. */
export async function startTarget(
  name: string,
  args: string[],
  urlOf: (ready: Record<string, unknown>) => string,
): Promise<Target> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)))
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve)
  })
  child.removeAllListeners('exit')
  const url = urlOf(JSON.parse(line) as Record<string, unknown>)
  return {
    name,
    child,
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
    peakMemoryMiB: () => peakMemoryMiB(child.pid as number),
    cpuTime: () => processCpuTime(child.pid as number),
  }
}

/** Runs `command` with its standard error inherited; resolves with its exit code and standard output. */
export function runCollecting(
  command: string,
  args: readonly string[],
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
    })
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, out }))
  })
}

/** Runs curl with a config file and returns the HTTP status of every transfer and the wall time. */
export async function runCurl(configPath: string): Promise<{ statuses: string[]; seconds: number }> {
  const started = process.hrtime.bigint()
  const { code, out } = await runCollecting('curl', ['--silent', '--show-error', '--config', configPath])
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (code !== 0) throw new Error(`curl exited with ${code}`)
  return { statuses: out.split('\n').filter(Boolean), seconds }
}
