import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { ServiceName } from '../mocks-info.js'
import { brokerSettings, buildVersion } from './broker-env.js'
import { PACT_CORE_MISSING, pactCoreInstalled } from './find-pact-core.js'
import { toJUnit } from './junit.js'
import { loadStatesModule, type StatesExport } from './load-states-module.js'
import { readPactSources } from './pact-source.js'
import { printReport } from './print-report.js'
import { routeProvider } from './provider-routing.js'
import type { VerifySettings } from './run-against-mock.js'
import { createStateRegistry } from './state-registry.js'
import { readVerifyArgs, type VerifyArgs } from './verify-args.js'
import { type BrokerRun, DEFAULT_SELECTORS, verifyBroker } from './verify-broker.js'
import { VERIFY_HELP } from './verify-help.js'
import { type PactOutcome, type PactRun, verifyPact } from './verify-pact.js'
import { REPORT_SCHEMA, type VerifyReport } from './verify-report.js'
import { BUILT_IN_STATES } from './vocabulary.js'

export interface VerifyIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly cwd: string
  /** Whether Pact's verifier can be loaded from `cwd` (default: `pactCoreInstalled`, resolving the package). */
  readonly findPactCore?: ((cwd: string) => boolean) | undefined
}

/** Exit codes by how the worst run ended (`--help` and the README list them). */
const EXIT: Record<PactOutcome, number> = {
  passed: 0,
  'publish-failed': 4,
  'nothing-verified': 3,
  failed: 1,
  'internal-error': 70,
}
const SEVERITY: readonly PactOutcome[] = [
  'passed',
  'publish-failed',
  'nothing-verified',
  'failed',
  'internal-error',
]

class UsageError extends Error {}

type Run = () => Promise<PactRun & { publication?: VerifyReport['publication'] }>

/** The runs of a file or URL verification: one per pact, each routed to its mock. */
async function fileRuns(args: VerifyArgs, settings: VerifySettings): Promise<Run[]> {
  const sources = await readPactSources(args.sources)
  return sources.map((source) => {
    const mock = routeProvider(source.provider, args.providers)
    if (mock === undefined)
      throw new UsageError(
        `${source.source}: no mock for provider "${source.provider}": name the mock with --provider <sharpspring|onepagecrm|s3>=${JSON.stringify(source.provider)}`,
      )
    return () => verifyPact(source, mock, settings)
  })
}

/** The runs of a broker verification: one per provider name given with --provider. */
function brokerRuns(args: VerifyArgs, settings: VerifySettings, env: NodeJS.ProcessEnv, cwd: string): Run[] {
  const broker = brokerSettings(args.broker, env)
  if (broker === undefined) throw new UsageError('--broker needs a URL')
  if (args.providers.length === 0)
    throw new UsageError(
      'with a broker, name each provider to verify and its mock: --provider sharpspring=<the name your pacts use> (or --provider sharpspring for the name "sharpspring")',
    )
  let publish: BrokerRun['publish']
  if (args.broker.publish) {
    const found = buildVersion(env, cwd)
    const version = args.broker.providerVersion ?? found.version
    if (version === undefined)
      throw new UsageError(
        '--publish needs --provider-version (or GIT_COMMIT, GITHUB_SHA, or a git checkout)',
      )
    publish = {
      version,
      branch: args.broker.providerBranch ?? found.branch,
      buildUrl: args.broker.buildUrl ?? found.buildUrl,
    }
  }
  const run: BrokerRun = {
    broker,
    consumers: args.broker.consumers,
    selectors: args.broker.selectors ?? DEFAULT_SELECTORS,
    includePending: args.broker.includePending,
    includeWipSince: args.broker.includeWipSince,
    publish,
  }
  return args.providers.map(
    ({ mock, name }) =>
      () =>
        verifyBroker(name ?? mock, mock as ServiceName, run, settings),
  )
}

/**
 * `crmkit-mocks verify`: reads every pact (or asks the broker), routes each to a mock, verifies them one
 * by one, prints the report and writes `--json` / `--junit`. Resolves the exit code.
 */
export async function runVerify(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  worker: URL,
  io: VerifyIo,
): Promise<number> {
  let args: VerifyArgs
  let runs: Run[]
  try {
    args = readVerifyArgs(argv, env)
    if (args.help) {
      io.stdout(`${VERIFY_HELP}\n`)
      return 0
    }
    if (!(io.findPactCore ?? pactCoreInstalled)(io.cwd)) throw new UsageError(PACT_CORE_MISSING)
    const states: StatesExport[] = []
    for (const path of args.states) states.push(await loadStatesModule(path))
    // Modules that are plain objects are checked now, before any mock starts.
    createStateRegistry(
      BUILT_IN_STATES,
      args.vocabulary,
      states.flatMap(({ path, exported }) =>
        typeof exported === 'function' ? [] : [{ path, module: exported }],
      ),
    )
    const settings: VerifySettings = {
      vocabulary: args.vocabulary,
      states,
      worker,
      env,
      credentials: args.credentials,
      s3: args.s3,
      timeoutMs: args.timeoutMs,
      filters: args.filters,
    }
    runs = args.sources.length > 0 ? await fileRuns(args, settings) : brokerRuns(args, settings, env, io.cwd)
  } catch (error) {
    // Every failure before a mock starts is the command's input: options, pacts, states modules.
    io.stderr(
      `crmkit-mocks verify: ${(error as Error).message}\n\nRun crmkit-mocks verify --help for the options.\n`,
    )
    return 2
  }
  const pacts: VerifyReport['pacts'][number][] = []
  const raws: VerifyReport['pact'][number][] = []
  let publication: VerifyReport['publication']
  let worst: PactOutcome = 'passed'
  for (const run of runs) {
    let result: Awaited<ReturnType<Run>>
    try {
      result = await run()
    } catch (error) {
      // A states module that fails for a run's mocks, or mocks that cannot start with the pact's credentials.
      io.stderr(`crmkit-mocks verify: ${(error as Error).message}\n`)
      return 2
    }
    if (args.verbose && result.output !== '') io.stdout(result.output)
    pacts.push(result.report)
    raws.push(result.raw)
    if (result.publication !== undefined)
      publication = {
        attempted: true,
        ok: (publication?.ok ?? true) && result.publication.ok,
        ...(result.publication.error === undefined ? {} : { error: result.publication.error }),
      }
    if (SEVERITY.indexOf(result.outcome) > SEVERITY.indexOf(worst)) worst = result.outcome
  }
  const exitCode = EXIT[worst]
  const report: VerifyReport = {
    schema: REPORT_SCHEMA,
    vocabulary: args.vocabulary,
    result: exitCode === 0 ? 'passed' : 'failed',
    exitCode,
    pacts,
    ...(publication === undefined ? {} : { publication }),
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
