import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ServiceName } from '../mocks-info.js'
import { PACT_CORE_INSTALL, pactCoreInstalled } from './find-pact-core.js'
import { toJUnit } from './junit.js'
import { loadStatesModule, type StatesExport } from './load-states-module.js'
import { readPactSources } from './pact-source.js'
import { printReport } from './print-report.js'
import { routeProvider } from './provider-routing.js'
import { createStateRegistry, StatesModuleError } from './state-registry.js'
import { readVerifyArgs, type VerifyArgs } from './verify-args.js'
import { VERIFY_HELP } from './verify-help.js'
import { type PactOutcome, verifyPact } from './verify-pact.js'
import { REPORT_SCHEMA, type VerifyReport } from './verify-report.js'
import { BUILT_IN_STATES } from './vocabulary.js'

export interface VerifyIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly cwd: string
}

/** Exit codes by how the worst pact ended (`--help` and the README list them). */
const EXIT: Record<PactOutcome, number> = {
  passed: 0,
  failed: 1,
  'nothing-verified': 3,
  'internal-error': 70,
}
const SEVERITY: readonly PactOutcome[] = ['passed', 'nothing-verified', 'failed', 'internal-error']

class UsageError extends Error {}

/**
 * `crmkit-mocks verify`: reads every pact, routes each to a mock, verifies them one by one, prints the
 * report and writes `--json` / `--junit`. Resolves the exit code.
 */
export async function runVerify(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  worker: URL,
  io: VerifyIo,
): Promise<number> {
  let args: VerifyArgs
  let states: StatesExport[]
  let routed: { source: Awaited<ReturnType<typeof readPactSources>>[number]; mock: ServiceName }[]
  try {
    args = readVerifyArgs(argv)
    if (args.help) {
      io.stdout(`${VERIFY_HELP}\n`)
      return 0
    }
    if (!pactCoreInstalled(io.cwd))
      throw new UsageError(
        `verify runs Pact's verifier, @pact-foundation/pact-core: install it with ${PACT_CORE_INSTALL}`,
      )
    states = []
    for (const path of args.states) states.push(await loadStatesModule(path))
    // Modules that are plain objects are checked now, before any mock starts.
    createStateRegistry(
      BUILT_IN_STATES,
      args.vocabulary,
      states.flatMap(({ path, exported }) =>
        typeof exported === 'function' ? [] : [{ path, module: exported }],
      ),
    )
    const sources = await readPactSources(args.sources)
    routed = sources.map((source) => {
      const mock = routeProvider(source.provider, args.providers)
      if (mock === undefined)
        throw new UsageError(
          `${source.source}: no mock for provider "${source.provider}": name the mock with --provider <sharpspring|onepagecrm|s3>=${JSON.stringify(source.provider)}`,
        )
      return { source, mock }
    })
  } catch (error) {
    // Every failure before a mock starts is the command's input: options, pacts, states modules.
    io.stderr(
      `crmkit-mocks verify: ${(error as Error).message}\n\nRun crmkit-mocks verify --help for the options.\n`,
    )
    return 2
  }
  const pacts: VerifyReport['pacts'][number][] = []
  const raws: VerifyReport['pact'][number][] = []
  let worst: PactOutcome = 'passed'
  for (const { source, mock } of routed) {
    let run: Awaited<ReturnType<typeof verifyPact>>
    try {
      run = await verifyPact(source, mock, {
        vocabulary: args.vocabulary,
        states,
        worker,
        env,
        s3: args.s3,
        timeoutMs: args.timeoutMs,
      })
    } catch (error) {
      if (error instanceof StatesModuleError) {
        io.stderr(`crmkit-mocks verify: ${error.message}\n`)
        return 2
      }
      io.stderr(`crmkit-mocks verify: ${source.source}: ${(error as Error).message}\n`)
      return 2
    }
    if (args.verbose && run.output !== '') io.stdout(run.output)
    pacts.push(run.report)
    raws.push(run.raw)
    if (SEVERITY.indexOf(run.outcome) > SEVERITY.indexOf(worst)) worst = run.outcome
  }
  const exitCode = EXIT[worst]
  const report: VerifyReport = {
    schema: REPORT_SCHEMA,
    vocabulary: args.vocabulary,
    result: exitCode === 0 ? 'passed' : 'failed',
    exitCode,
    pacts,
    pact: raws,
  }
  const write = (file: string, text: string) => {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
  }
  if (args.json !== undefined) write(args.json, `${JSON.stringify(report, null, 2)}\n`)
  if (args.junit !== undefined) write(args.junit, toJUnit(report))
  io.stdout(printReport(report, { json: args.json, junit: args.junit }))
  return exitCode
}
