import { readFileSync } from 'node:fs'
import { startMocks } from '../start-mocks.js'
import { banner } from './banner.js'
import { HELP } from './help.js'
import { parseArgs } from './parse-args.js'

const NAME = 'crmkit-mocks'

/** The package's version, read beside the built file (`dist/` is one level below package.json). */
function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return manifest.version
}

/**
 * `crmkit-mocks`: a bad option → its message and the usage on stderr, exit 2; a port it cannot take → exit
 * 1; once every service listens, one JSON line (`--json`) or the banner; SIGINT and SIGTERM close every
 * server and exit 0.
 */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (argv[0] === 'verify') {
    // Loaded only for `verify`: starting the mocks stays as quick as it was.
    const { runVerify } = await import('../verify/run-verify.js')
    try {
      process.exitCode = await runVerify(argv.slice(1), env, new URL('./verify-worker.js', import.meta.url), {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        cwd: process.cwd(),
      })
    } catch (error) {
      // A bug of the command itself: EX_SOFTWARE, as `verify --help` lists.
      process.stderr.write(`${NAME} verify: internal error: ${(error as Error).stack ?? String(error)}\n`)
      process.exitCode = 70
    }
    return
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    // `pnpm start -- --json` hands the `--` on (pnpm 10): options after it are still options here.
    parsed = parseArgs(argv[0] === '--' ? argv.slice(1) : argv, env)
  } catch (error) {
    process.stderr.write(`${NAME}: ${(error as Error).message}\n\n${HELP}\n`)
    process.exit(2)
  }
  if (parsed.help) {
    process.stdout.write(`${HELP}\n`)
    return
  }
  if (parsed.version) {
    process.stdout.write(`${version()}\n`)
    return
  }
  let mocks: Awaited<ReturnType<typeof startMocks>>
  try {
    mocks = await startMocks(parsed.start)
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException
    const hint =
      code === 'EADDRINUSE' ? ' (another program has it: choose another port, or 0 for a free one)' : ''
    process.stderr.write(`${NAME}: ${message}${hint}\n`)
    process.exit(1)
  }
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    mocks.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${NAME}: ${(error as Error).stack ?? String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  const state = parsed.start.dataDir ?? 'in memory; files in a temporary directory removed on exit'
  process.stdout.write(parsed.json ? `${JSON.stringify(mocks.info)}\n` : banner(mocks.info, state))
}
