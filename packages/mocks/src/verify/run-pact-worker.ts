import { fork } from 'node:child_process'

export interface WorkerResult {
  readonly kind: 'resolved' | 'rejected' | 'crashed'
  readonly text: string
  /** What Pact's verifier printed (its human output, with ANSI colours). */
  readonly stdout: string
}

/** Variables pact-core reads that would add a broker source or filter the interactions of a file run. */
const PACT_VARIABLES = /^PACT_/

/**
 * Runs `verifyPacts(options)` in a child process with its stdout piped. Without `keepPactEnv`, the child
 * gets no `PACT_*` variable (a PACT_BROKER_BASE_URL would silently add the broker's pacts to a file run).
 */
export function runPactWorker(
  worker: URL,
  options: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  keepPactEnv: boolean,
  /** Pact's interaction filters (PACT_DESCRIPTION, PACT_PROVIDER_STATE), set after the scrubbing. */
  filters: Record<string, string> = {},
): Promise<WorkerResult> {
  const childEnv = {
    ...Object.fromEntries(Object.entries(env).filter(([name]) => keepPactEnv || !PACT_VARIABLES.test(name))),
    ...filters,
  }
  return new Promise((resolve) => {
    const child = fork(worker, [], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    let stdout = ''
    let stderr = ''
    let answer: { kind: 'resolved' | 'rejected'; text: string } | undefined
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.once('message', (message) => {
      answer = message as typeof answer
    })
    child.once('error', (error) => resolve({ kind: 'crashed', text: error.message, stdout }))
    child.once('exit', (code, signal) => {
      if (answer !== undefined) resolve({ ...answer, stdout })
      else
        resolve({
          kind: 'crashed',
          text: `The verifier's process ended (${signal ?? `exit ${code}`}) without a report. ${stderr.trim()}`.trim(),
          stdout,
        })
    })
    child.send({ options })
  })
}
