import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { cpus, release, tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { peakMemoryMiB } from './processes.js'
import { median, quantile } from './stats.js'

// `pnpm bench` part 1: what it costs to adopt @crmkit/mocks, beside s3rver (the emulator most Node users
// would reach for) and a bare node:http server. (1) `npm install` of the packed tarballs into an empty
// project, cold and warm npm cache: time, size of node_modules, package count. (2) Spawn to ready line of
// the installed command (all services, each alone), the bare server, s3rver's command, and `npx
// crmkit-mocks` (npm's own startup included). (3) In process: `import('@crmkit/mocks')` and `startMocks()`
// in a fresh node, beside s3rver's. The order changes every round; figures are medians. Loopback only.

const positive = (text: string | undefined, fallback: number) => {
  const value = Math.floor(Number(text))
  return Number.isFinite(value) && value > 0 ? value : fallback
}
const ROUNDS = positive(process.env.BENCH_ROUNDS, 15)
const INSTALL_ROUNDS = positive(process.env.BENCH_INSTALL_ROUNDS, 3)
const S3RVER = 's3rver@3.7.1'
const READY_TIMEOUT_MS = 60_000
const COMMAND_TIMEOUT_MS = 10 * 60_000
const MiB = 1024 * 1024

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const work = mkdtempSync(join(tmpdir(), 'crmkit-bench-startup-'))
const execFileAsync = promisify(execFile)

/** The environment for npm and every server: this node first on PATH, none of pnpm's own npm settings. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  }
  // pnpm passes these to its scripts; npm does not know them and warns.
  for (const name of Object.keys(env))
    if (/^npm_config_(store_dir|recursive|workspace|verify_deps_before_run|user_agent)/i.test(name))
      delete env[name]
  return env
}

async function run(command: string, args: string[], cwd: string, env = childEnv()) {
  const started = performance.now()
  const { stdout } = await execFileAsync(command, args, {
    cwd,
    env,
    timeout: COMMAND_TIMEOUT_MS,
    maxBuffer: 16 * MiB,
  })
  return { stdout, ms: performance.now() - started }
}

// ---------------------------------------------------------------------------------------------- figures

const digits = (value: number) => value.toFixed(value < 10 ? 1 : 0)
const ms = (value: number) => `${digits(value)} ms`
/** The median and, in brackets, the interquartile range. */
const spread = (values: readonly number[]) =>
  `${ms(median(values))} [${digits(quantile(values, 0.25))}–${digits(quantile(values, 0.75))}]`
const met = (ok: boolean) => (ok ? 'met' : 'NOT met')

/** Prints rows with the first column left-aligned and the rest right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  )
  const line = (row: readonly string[]) =>
    `  ${row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('   ')}`
  console.log(line(header))
  for (const row of rows) console.log(line(row))
}

// ---------------------------------------------------------------------------------------------- install

interface Installed {
  readonly ms: number
  readonly kib: number
  readonly packages: number
  readonly project: string
}

/** Packs @crmkit/mocks and @crmkit/s3-post-policy as published (pnpm rewrites `workspace:*`). */
async function packTarballs(): Promise<string[]> {
  const destination = join(work, 'tarballs')
  mkdirSync(destination)
  for (const name of ['mocks', 's3-post-policy']) {
    const dir = join(root, 'packages', name)
    for (const built of name === 'mocks' ? ['dist/index.js', 'dist/cli.js'] : ['dist/index.js'])
      if (!existsSync(join(dir, built)))
        throw new Error(
          `packages/${name}/${built} is missing: run \`pnpm bench\` or \`pnpm build\` from the root`,
        )
    await run('pnpm', ['pack', '--pack-destination', destination], dir)
  }
  const tarballs = readdirSync(destination).filter((file) => file.endsWith('.tgz'))
  if (tarballs.length !== 2) throw new Error(`expected two tarballs, found ${tarballs.join(', ')}`)
  return tarballs.map((file) => join(destination, file))
}

/** `npm install <specs>` into a new empty project with the given cache; its time, du of node_modules, count. */
async function install(project: string, specs: readonly string[], cache: string): Promise<Installed> {
  mkdirSync(project, { recursive: true })
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'bench-install', version: '0.0.0', private: true })}\n`,
  )
  const { ms: installMs } = await run(
    'npm',
    ['install', '--prefer-offline', '--cache', cache, '--loglevel=error', ...specs],
    project,
  ).catch((error: Error & { stderr?: string }) => {
    // s3rver comes from the registry: offline, the comparison cannot run.
    throw new Error(`npm install ${specs.join(' ')} failed: ${error.stderr?.trim() || error.message}`)
  })
  const modules = join(project, 'node_modules')
  const kib = Number((await run('du', ['-sk', modules], project)).stdout.split('\t')[0])
  // npm's hidden lockfile lists every installed package by its path under node_modules.
  const lock = JSON.parse(readFileSync(join(modules, '.package-lock.json'), 'utf8')) as {
    packages: Record<string, { link?: boolean }>
  }
  const packages = Object.values(lock.packages).filter((entry) => entry.link !== true).length
  return { ms: installMs, kib, packages, project }
}

interface InstallFigures {
  readonly cold: Installed[]
  readonly warm: Installed[]
  /** The last round's warm project and its cache, kept for the timings that follow. */
  project: string
  cache: string
}

// ---------------------------------------------------------------------------------------------- spawn

interface Launch {
  readonly key: string
  readonly label: string
  readonly command: string
  readonly args: readonly string[]
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  readonly isReady: (line: string) => boolean
  /** Read the server's peak resident memory at ready (not for npx, whose pid is npm's). */
  readonly memory: boolean
}

interface Spawned {
  readonly readyMs: number
  readonly peakMiB: number
  readonly exit: { code: number | null; signal: NodeJS.Signals | null }
}

/** Process groups still running: killed on the way out whatever happens. */
const live = new Set<number>()
/** Signals every process of the group `pid` leads; 0 only asks whether any is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal)
    return true
  } catch {
    return false
  }
}
process.once('exit', () => {
  for (const pid of live) signalGroup(pid, 'SIGKILL')
})
// The servers run in their own process groups, so an interrupt reaches only this process: pass it on.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    for (const pid of live) signalGroup(pid, 'SIGKILL')
    rmSync(work, { recursive: true, force: true })
    process.exit(130)
  })

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))

/**
 * Spawns a server in its own process group, times spawn to its ready line, then stops the whole group with
 * SIGTERM (npx's server is a grandchild) and waits until every process of the group is gone.
 */
async function spawnToReady(launch: Launch): Promise<Spawned> {
  const started = performance.now()
  const child = spawn(launch.command, launch.args, {
    cwd: launch.cwd,
    env: launch.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const pid = child.pid
  if (pid === undefined) {
    const [error] = (await once(child, 'error')) as [Error]
    throw new Error(`${launch.label}: could not spawn ${launch.command}: ${error.message}`)
  }
  live.add(pid)
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 4096) stderr += chunk
  })
  const exited = new Promise<Spawned['exit']>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  let readyMs = Number.NaN
  let peakMiB = Number.NaN
  try {
    readyMs = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${launch.label}: no ready line within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      )
      child.once('error', reject)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${launch.label} exited with ${code} before it was ready: ${stderr.trim()}`))
      })
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!launch.isReady(line)) return
        clearTimeout(timer)
        resolve(performance.now() - started)
      })
    })
    if (launch.memory) peakMiB = peakMemoryMiB(pid)
  } finally {
    signalGroup(pid, 'SIGTERM')
    const killer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 10_000)
    await exited
    // Bounded: 10 s at most for the rest of the group (npm's shell and server) to go.
    for (let wait = 0; wait < 500 && signalGroup(pid, 0); wait++) await sleep(20)
    clearTimeout(killer)
    signalGroup(pid, 'SIGKILL')
    live.delete(pid)
  }
  return { readyMs, peakMiB, exit: await exited }
}

/** A JSON ready line that names every one of `keys`. */
const jsonWith =
  (...keys: string[]) =>
  (line: string): boolean => {
    try {
      const ready = JSON.parse(line) as Record<string, unknown>
      return keys.every((key) => ready[key] !== undefined)
    } catch {
      return false
    }
  }

// ---------------------------------------------------------------------------------------------- in process

const CRMKIT_PROBE = `const t0 = performance.now()
const { startMocks } = await import('@crmkit/mocks')
const t1 = performance.now()
const first = await startMocks({ ports: {} })
const t2 = performance.now()
await first.close()
const t3 = performance.now()
const second = await startMocks({ ports: {} })
const t4 = performance.now()
await second.close()
const t5 = performance.now()
process.stdout.write(JSON.stringify({ import: t1 - t0, start: t2 - t1, close: t3 - t2, restart: t4 - t3 }) + '\\n')
`

const S3RVER_PROBE = `import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
const directory = mkdtempSync(join(tmpdir(), 'crmkit-bench-s3rver-'))
try {
  const t0 = performance.now()
  const { default: S3rver } = await import('s3rver')
  const t1 = performance.now()
  const options = { port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'bucket' }] }
  const first = new S3rver(options)
  await first.run()
  const t2 = performance.now()
  await first.close()
  const t3 = performance.now()
  const second = new S3rver(options)
  await second.run()
  const t4 = performance.now()
  await second.close()
  process.stdout.write(JSON.stringify({ import: t1 - t0, start: t2 - t1, close: t3 - t2, restart: t4 - t3 }) + '\\n')
} finally {
  rmSync(directory, { recursive: true, force: true })
}
`

interface InProcess {
  readonly import: number
  readonly start: number
  readonly close: number
  readonly restart: number
}

async function probe(project: string, file: string): Promise<InProcess> {
  const { stdout } = await run(process.execPath, [file], project)
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as InProcess
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const npmVersion = (await run('npm', ['--version'], work)).stdout.trim()
  console.log(
    `crmkit-mocks startup: Node ${process.version}, npm ${npmVersion}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Linux ${release()}; ${ROUNDS} rounds (BENCH_ROUNDS), install ${INSTALL_ROUNDS} (BENCH_INSTALL_ROUNDS)`,
  )

  // 1. Install. Each round: a fresh cache (cold), then a second empty project with that cache (warm).
  const tarballs = await packTarballs()
  const kinds = {
    crmkit: { label: '@crmkit/mocks + @crmkit/s3-post-policy (tarballs)', specs: tarballs },
    s3rver: { label: `${S3RVER} (registry)`, specs: [S3RVER] },
  } as const
  const installs: Record<keyof typeof kinds, InstallFigures> = {
    crmkit: { cold: [], warm: [], project: '', cache: '' },
    s3rver: { cold: [], warm: [], project: '', cache: '' },
  }
  for (let round = 0; round < INSTALL_ROUNDS; round++) {
    const order = round % 2 === 0 ? (['crmkit', 's3rver'] as const) : (['s3rver', 'crmkit'] as const)
    for (const kind of order) {
      const base = join(work, `install-${kind}-${round}`)
      const cache = join(base, 'npm-cache')
      const figures = installs[kind]
      figures.cold.push(await install(join(base, 'cold'), kinds[kind].specs, cache))
      figures.warm.push(await install(join(base, 'warm'), kinds[kind].specs, cache))
      if (figures.project !== '') rmSync(dirname(figures.cache), { recursive: true, force: true })
      figures.project = join(base, 'warm')
      figures.cache = cache
    }
  }
  const tarballKiB = tarballs.reduce((sum, file) => sum + statSync(file).size, 0) / 1024
  const installRow = (kind: keyof typeof kinds, extra: string) => {
    const { cold, warm } = installs[kind]
    const last = warm.at(-1) as Installed
    return [
      kinds[kind].label,
      ms(median(cold.map((figure) => figure.ms))),
      ms(median(warm.map((figure) => figure.ms))),
      `${(last.kib / 1024).toFixed(1)} MiB`,
      String(last.packages),
      extra,
    ]
  }
  const ratio = (f: (figures: InstallFigures) => number) =>
    `${(f(installs.s3rver) / f(installs.crmkit)).toFixed(1)}×`
  console.log(`\n1. npm install into an empty project (--prefer-offline), median of ${INSTALL_ROUNDS}`)
  table(
    ['', 'cold cache', 'warm cache', 'node_modules (du)', 'packages', 'packed'],
    [
      installRow('crmkit', `${tarballKiB.toFixed(0)} KiB`),
      installRow('s3rver', ''),
      [
        's3rver ÷ crmkit',
        ratio((figures) => median(figures.cold.map((figure) => figure.ms))),
        ratio((figures) => median(figures.warm.map((figure) => figure.ms))),
        ratio((figures) => (figures.warm.at(-1) as Installed).kib),
        ratio((figures) => (figures.warm.at(-1) as Installed).packages),
        '',
      ],
    ],
  )

  // 2. Spawn to ready, from the installed projects.
  const crmkitProject = installs.crmkit.project
  const s3rverProject = installs.s3rver.project
  const mocksBin = join(crmkitProject, 'node_modules', '.bin', 'crmkit-mocks')
  const ports = ['--sharpspring-port', '0', '--onepagecrm-port', '0', '--s3-port', '0']
  const s3rverDir = join(work, 's3rver-data')
  const env = childEnv()
  const launches: Launch[] = [
    {
      key: 'bare',
      label: 'bare node:http (bench/dist/bare-server.js)',
      command: process.execPath,
      args: [join(here, 'bare-server.js')],
      cwd: work,
      env,
      isReady: jsonWith('url'),
      memory: true,
    },
    {
      key: 'all',
      label: 'crmkit-mocks --json, all three',
      command: mocksBin,
      args: ['--json', ...ports],
      cwd: crmkitProject,
      env,
      isReady: jsonWith('sharpspring', 'onepagecrm', 's3'),
      memory: true,
    },
    ...(['sharpspring', 'onepagecrm', 's3'] as const).map(
      (service): Launch => ({
        key: service,
        label: `crmkit-mocks ${service} --json${service === 'onepagecrm' ? ' (brings s3)' : ''}`,
        command: mocksBin,
        args: [service, '--json', ...ports],
        cwd: crmkitProject,
        env,
        isReady: jsonWith(service),
        memory: true,
      }),
    ),
    {
      key: 's3rver',
      label: 's3rver command (-p 0, one bucket)',
      command: join(s3rverProject, 'node_modules', '.bin', 's3rver'),
      args: ['-d', s3rverDir, '-a', '127.0.0.1', '-p', '0', '-s', '--configure-bucket', 'bucket'],
      cwd: s3rverProject,
      env,
      isReady: (line) => line.startsWith('S3rver listening on'),
      memory: true,
    },
    {
      key: 'npx',
      label: 'npx crmkit-mocks --json, all three (warm npm cache)',
      command: 'npx',
      args: ['crmkit-mocks', '--json', ...ports],
      cwd: crmkitProject,
      // The command is installed, so npx needs no network; offline, it could never fetch a namesake instead.
      env: childEnv({ npm_config_cache: installs.crmkit.cache, npm_config_offline: 'true' }),
      isReady: jsonWith('sharpspring', 'onepagecrm', 's3'),
      memory: false,
    },
  ]
  const spawned: Record<string, Spawned[]> = Object.fromEntries(launches.map((launch) => [launch.key, []]))
  const badExits = new Set<string>()
  // One round unrecorded to warm the page cache, then each round in a rotated order.
  for (let round = -1; round < ROUNDS; round++) {
    const shift = ((round % launches.length) + launches.length) % launches.length
    for (const launch of [...launches.slice(shift), ...launches.slice(0, shift)]) {
      const figure = await spawnToReady(launch)
      if (launch.key !== 's3rver' && launch.key !== 'npx' && figure.exit.code !== 0)
        badExits.add(`${launch.label}: ${figure.exit.code ?? figure.exit.signal}`)
      if (round >= 0) spawned[launch.key]?.push(figure)
    }
  }
  rmSync(s3rverDir, { recursive: true, force: true })
  const readyOf = (key: string) => (spawned[key] ?? []).map((figure) => figure.readyMs)
  const bare = median(readyOf('bare'))
  const all = median(readyOf('all'))
  const npx = median(readyOf('npx'))
  console.log(`\n2. Spawn to ready line, median [p25–p75] of ${ROUNDS} rounds, order rotated each round`)
  table(
    ['', 'ready', 'vs bare', 'peak RSS', 'target'],
    launches.map((launch) => {
      const figures = spawned[launch.key] ?? []
      const value = median(readyOf(launch.key))
      const peak = median(figures.map((figure) => figure.peakMiB))
      const target =
        launch.key === 'all'
          ? `≤ bare + 60 ms: ${met(value - bare <= 60)}`
          : launch.key === 'npx'
            ? `≤ 1000 ms: ${met(value <= 1000)}`
            : ''
      return [
        launch.label,
        spread(readyOf(launch.key)),
        launch.key === 'bare' ? '' : `+${(value - bare).toFixed(0)} ms (${(value / bare).toFixed(2)}×)`,
        Number.isNaN(peak) ? '' : `${peak.toFixed(0)} MiB`,
        target,
      ]
    }),
  )
  console.log(
    `  crmkit-mocks, all three ÷ s3rver command = ${(all / median(readyOf('s3rver'))).toFixed(2)}; npx adds ${(npx - all).toFixed(0)} ms to the installed command`,
  )
  for (const exit of badExits) console.warn(`  warning: SIGTERM did not end with exit 0: ${exit}`)

  // 3. In process, a fresh node each round.
  writeFileSync(join(crmkitProject, 'probe.mjs'), CRMKIT_PROBE)
  writeFileSync(join(s3rverProject, 'probe.mjs'), S3RVER_PROBE)
  const inProcess: Record<'crmkit' | 's3rver', InProcess[]> = { crmkit: [], s3rver: [] }
  for (let round = -1; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['crmkit', 's3rver'] as const) : (['s3rver', 'crmkit'] as const)
    for (const kind of order) {
      const figure = await probe(kind === 'crmkit' ? crmkitProject : s3rverProject, 'probe.mjs')
      if (round >= 0) inProcess[kind].push(figure)
    }
  }
  const of = (kind: 'crmkit' | 's3rver', field: keyof InProcess) =>
    inProcess[kind].map((figure) => figure[field])
  const importMs = median(of('crmkit', 'import'))
  console.log(`\n3. In process, a fresh node each round, median [p25–p75] of ${ROUNDS}`)
  table(
    ['', '@crmkit/mocks', 's3rver 3.7.1', 'target'],
    [
      [
        'await import(…)',
        spread(of('crmkit', 'import')),
        spread(of('s3rver', 'import')),
        `≤ 100 ms: ${met(importMs <= 100)}`,
      ],
      [
        'first start (startMocks(), all three / run())',
        spread(of('crmkit', 'start')),
        spread(of('s3rver', 'start')),
        '',
      ],
      ['close()', spread(of('crmkit', 'close')), spread(of('s3rver', 'close')), ''],
      [
        'second start in the same process',
        spread(of('crmkit', 'restart')),
        spread(of('s3rver', 'restart')),
        '',
      ],
    ],
  )
  console.log(
    `  import + first start: @crmkit/mocks ${ms(median(inProcess.crmkit.map((f) => f.import + f.start)))}, s3rver ${ms(median(inProcess.s3rver.map((f) => f.import + f.start)))}`,
  )
}

try {
  await main()
} finally {
  for (const pid of live) signalGroup(pid, 'SIGKILL')
  rmSync(work, { recursive: true, force: true })
}
