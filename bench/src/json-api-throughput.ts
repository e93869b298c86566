import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BareAnswer } from './bare-hono-server.js'
import { runCollecting, startTarget, type Target } from './processes.js'
import { median } from './stats.js'

// `pnpm bench` part 4: requests a second of the mocks' JSON APIs with the request journal on, against a
// bare Hono app (@hono/node-server, the same versions) answering the same bytes after the same kind of
// credentials check. OnePageCRM's `GET /api/v3/contacts.json` (HTTP Basic) and SharpSpring's JSON-RPC
// `getLeads` (POST with the credentials in the query). wrk is the load generator; each server runs in its
// own process, as users start the mocks: `crmkit-mocks <service> --json` on port 0. Target: each mock at
// least 0.5× the bare app, measured in the same run. Figures, never timed tests.

const ROUNDS = Number(process.env.BENCH_JSON_ROUNDS ?? 5)
const SECONDS = Number(process.env.BENCH_JSON_SECONDS ?? 10)
const WARMUP_SECONDS = Number(process.env.BENCH_JSON_WARMUP_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_JSON_CONNECTIONS ?? 16)
const WRK = process.env.BENCH_WRK ?? 'wrk'
/** When set, the mocks run with `node --cpu-prof` and write their profiles into this directory on exit. */
const PROFILE_DIR = process.env.BENCH_JSON_CPU_PROF
const TARGET = 0.5

const here = dirname(fileURLToPath(import.meta.url))
/** The workspace's `crmkit-mocks`, or another build's (`BENCH_JSON_MOCKS_CLI`) to compare two side by side. */
const mocksCli =
  process.env.BENCH_JSON_MOCKS_CLI ??
  join(dirname(fileURLToPath(import.meta.resolve('@crmkit/mocks/package.json'))), 'bin', 'crmkit-mocks.js')

/** wrk's version line, or a way to install it and a non-zero exit. */
function checkWrk(): string {
  const probe = spawnSync(WRK, ['-v'], { encoding: 'utf8' })
  if (probe.error !== undefined) {
    console.error(
      `json-api-throughput needs wrk (https://github.com/wg/wrk), the HTTP load generator, as ${WRK}: ${probe.error.message}.\n` +
        'Install it with `sudo apt-get install wrk` (Debian, Ubuntu) or `brew install wrk` (macOS), or name it in BENCH_WRK.',
    )
    process.exit(2)
  }
  const line = `${probe.stdout}${probe.stderr}`.split('\n')[0] ?? 'wrk'
  return line.replace(/\s*Copyright.*$/, '').trim()
}

interface RawAnswer {
  readonly status: number
  /** Lower-cased names, the first value of each. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
}

/** One request over node:http, the answer as sent (status, headers, body bytes). */
function fetchRaw(
  url: string,
  options: { method: string; headers: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method, headers: options.headers, agent: false },
      (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.once('error', reject)
        answer.once('end', () => {
          const headers: Record<string, string> = {}
          for (let index = 0; index + 1 < answer.rawHeaders.length; index += 2) {
            const name = (answer.rawHeaders[index] as string).toLowerCase()
            headers[name] ??= answer.rawHeaders[index + 1] as string
          }
          resolve({ status: answer.statusCode ?? 0, headers, body: Buffer.concat(chunks) })
        })
      },
    )
    outgoing.once('error', reject)
    outgoing.end(options.body)
  })
}

/** The headers Node's HTTP server writes itself, which the bare app must not copy. */
const NODE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'])

interface Route {
  readonly name: string
  readonly mock: Target
  readonly bare: Target
  /** The full URL of the route on a server. */
  url(target: Target): string
  /** wrk's Lua script: method, headers, body. */
  readonly script: string
}

/** A Lua string literal. */
const lua = (text: string) =>
  `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n').replaceAll('\r', '\\r')}"`

function wrkScript(
  work: string,
  name: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): string {
  const lines = [`wrk.method = ${lua(method)}`]
  for (const [header, value] of Object.entries(headers))
    lines.push(`wrk.headers[${lua(header)}] = ${lua(value)}`)
  if (body !== undefined) lines.push(`wrk.body = ${lua(body)}`)
  const path = join(work, `${name}.lua`)
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}

interface Load {
  readonly requestsPerSecond: number
  readonly requests: number
  /** The server's CPU time (user + system) per request, in microseconds. */
  readonly cpuMicros: number
}

/** Runs wrk against `url`; any non-2xx answer or socket error fails the bench (it must not measure errors). */
async function runWrk(target: Target, url: string, script: string, seconds: number): Promise<Load> {
  const before = target.cpuTime()
  const { code, out } = await runCollecting(WRK, [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    '--timeout',
    '5s',
    '-s',
    script,
    url,
  ])
  const after = target.cpuTime()
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${out}`)
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(out)
  const total = /(\d+) requests in/.exec(out)
  const failed = /Non-2xx or 3xx responses: (\d+)/.exec(out)
  const socket = /Socket errors: (.*)/.exec(out)
  if (rate === null || total === null) throw new Error(`cannot read wrk's output:\n${out}`)
  if (failed !== null || socket !== null)
    throw new Error(`${target.name}: errors under load (${failed?.[0] ?? socket?.[0]}):\n${out}`)
  const requests = Number(total[1])
  const cpu = after.user + after.system - (before.user + before.system)
  return { requestsPerSecond: Number(rate[1]), requests, cpuMicros: (cpu / requests) * 1e6 }
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(`json-api-throughput: ${what}`)
}

const mockArgs = (service: string, ports: string[]) => [
  ...(PROFILE_DIR === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR]),
  mocksCli,
  service,
  '--json',
  ...ports,
]

/** The answer went out whole, with its length: one write, not a stream of chunks. */
function expectOneWrite(name: string, answer: RawAnswer): void {
  expect(
    answer.headers['content-length'] === String(answer.body.length) &&
      answer.headers['transfer-encoding'] === undefined,
    `${name}: the answer has no Content-Length of its body (${JSON.stringify(answer.headers)})`,
  )
}

/** The mock's latest journal entry: the journal is on and recorded the request, its secrets redacted. */
async function lastEntry(serviceUrl: string): Promise<Record<string, unknown>> {
  const answer = await fetchRaw(`${serviceUrl}/__admin/requests?limit=1`, { method: 'GET', headers: {} })
  const { requests } = JSON.parse(answer.body.toString('utf8')) as { requests: Record<string, unknown>[] }
  expect(requests.length === 1, `the journal of ${serviceUrl} holds no entry`)
  return requests[0] as Record<string, unknown>
}

/** Starts the bare app answering `captured` for `method path`, and checks it does so, credentials and all. */
async function startBare(
  work: string,
  name: string,
  spec: Omit<BareAnswer, 'status' | 'headers' | 'bodyBase64'>,
  captured: RawAnswer,
  request_: { headers: Record<string, string>; body?: string; query?: string },
  wrong: { headers: Record<string, string>; query?: string },
): Promise<Target> {
  const answer: BareAnswer = {
    ...spec,
    status: captured.status,
    headers: Object.fromEntries(
      Object.entries(captured.headers).filter(([header]) => !NODE_HEADERS.has(header)),
    ),
    bodyBase64: captured.body.toString('base64'),
  }
  const file = join(work, `${name}.json`)
  writeFileSync(file, JSON.stringify(answer))
  const bare = await startTarget(`bare Hono, ${name}`, [join(here, 'bare-hono-server.js'), file], (ready) =>
    String(ready.url),
  )
  const url = `${bare.url}${spec.path}`
  const got = await fetchRaw(`${url}${request_.query ?? ''}`, { method: spec.method, ...request_ })
  expect(got.status === captured.status, `${bare.name} answered ${got.status}, the mock ${captured.status}`)
  expect(got.body.equals(captured.body), `${bare.name} answered other bytes than the mock`)
  const headersOf = (raw: RawAnswer) =>
    JSON.stringify(
      Object.entries(raw.headers)
        .filter(([header]) => header !== 'date')
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    )
  expect(
    headersOf(got) === headersOf(captured),
    `${bare.name}'s headers ${headersOf(got)} ≠ ${headersOf(captured)}`,
  )
  const refused = await fetchRaw(`${url}${wrong.query ?? ''}`, {
    method: spec.method,
    ...wrong,
    body: request_.body,
  })
  expect(refused.status === 401, `${bare.name} let wrong credentials through (${refused.status})`)
  return bare
}

async function onePageCrm(work: string, started: Target[]): Promise<Route> {
  let ready = {} as {
    url: string
    api: string
    credentials: { userId: string; apiKey: string }
    demo: { contactId: string }
  }
  const mock = await startTarget(
    'crmkit-mocks onepagecrm',
    mockArgs('onepagecrm', ['--onepagecrm-port', '0', '--s3-port', '0']),
    (line) => {
      ready = line.onepagecrm as typeof ready
      return ready.url
    },
  )
  started.push(mock)
  const path = '/api/v3/contacts.json'
  const basic = (user: string, key: string) => `Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`
  const headers = { Authorization: basic(ready.credentials.userId, ready.credentials.apiKey) }
  const captured = await fetchRaw(`${mock.url}${path}`, { method: 'GET', headers })
  const json = JSON.parse(captured.body.toString('utf8')) as {
    status: number
    data: { contacts: Array<{ contact: { id: string } }> }
  }
  expect(captured.status === 200, `GET ${path} answered ${captured.status}: ${captured.body}`)
  expectOneWrite(`GET ${path}`, captured)
  expect(
    json.status === 0 && json.data.contacts.some(({ contact }) => contact.id === ready.demo.contactId),
    `GET ${path} did not list the demo contact: ${captured.body}`,
  )
  const entry = await lastEntry(mock.url)
  expect(
    entry.path === path &&
      entry.status === 200 &&
      (entry.headers as Record<string, string>).authorization === '[redacted]',
    `the journal did not record GET ${path} as expected: ${JSON.stringify(entry)}`,
  )
  const bare = await startBare(
    work,
    'onepagecrm',
    {
      method: 'GET',
      path,
      auth: { kind: 'basic', username: ready.credentials.userId, password: ready.credentials.apiKey },
    },
    captured,
    { headers },
    { headers: { Authorization: basic(ready.credentials.userId, `${ready.credentials.apiKey}x`) } },
  )
  started.push(bare)
  return {
    name: `OnePageCRM GET ${path}`,
    mock,
    bare,
    url: (target) => `${target.url}${path}`,
    script: wrkScript(work, 'onepagecrm', 'GET', headers),
  }
}

async function sharpSpring(work: string, started: Target[]): Promise<Route> {
  let ready = {} as {
    url: string
    credentials: { accountId: string; secretKey: string }
    demo: { leadId: number }
  }
  const mock = await startTarget(
    'crmkit-mocks sharpspring',
    mockArgs('sharpspring', ['--sharpspring-port', '0']),
    (line) => {
      ready = line.sharpspring as typeof ready
      return ready.url
    },
  )
  started.push(mock)
  const path = '/pubapi/v1/'
  const query = (secretKey: string) =>
    `?accountID=${encodeURIComponent(ready.credentials.accountId)}&secretKey=${encodeURIComponent(secretKey)}`
  const body = JSON.stringify({ method: 'getLeads', params: { where: {} }, id: 'bench-1' })
  const headers = { 'Content-Type': 'application/json' }
  const captured = await fetchRaw(`${mock.url}${path}${query(ready.credentials.secretKey)}`, {
    method: 'POST',
    headers,
    body,
  })
  const json = JSON.parse(captured.body.toString('utf8')) as {
    result: { lead?: Array<{ id: string }> } | null
    error: unknown
    id: unknown
  }
  expect(captured.status === 200, `getLeads answered ${captured.status}: ${captured.body}`)
  expectOneWrite('getLeads', captured)
  expect(
    json.error === null &&
      json.id === 'bench-1' &&
      json.result?.lead?.some((lead) => lead.id === String(ready.demo.leadId)) === true,
    `getLeads did not list the demo lead: ${captured.body}`,
  )
  const entry = await lastEntry(mock.url)
  expect(
    entry.status === 200 &&
      entry.path ===
        `${path}?accountID=${encodeURIComponent(ready.credentials.accountId)}&secretKey=[redacted]`,
    `the journal did not record getLeads as expected: ${JSON.stringify(entry)}`,
  )
  const bare = await startBare(
    work,
    'sharpspring',
    {
      method: 'POST',
      path,
      auth: {
        kind: 'query',
        names: ['accountID', 'secretKey'],
        values: [ready.credentials.accountId, ready.credentials.secretKey],
      },
    },
    captured,
    { headers, body, query: query(ready.credentials.secretKey) },
    { headers, query: query(`${ready.credentials.secretKey}x`) },
  )
  started.push(bare)
  return {
    name: 'SharpSpring POST /pubapi/v1/ getLeads',
    mock,
    bare,
    url: (target) => `${target.url}${path}${query(ready.credentials.secretKey)}`,
    script: wrkScript(work, 'sharpspring', 'POST', headers, body),
  }
}

async function main(): Promise<void> {
  const wrkVersion = checkWrk()
  const work = mkdtempSync(join(tmpdir(), 'crmkit-bench-json-'))
  const routes: Route[] = []
  const started: Target[] = []
  try {
    routes.push(await onePageCrm(work, started), await sharpSpring(work, started))
    console.log(
      `JSON API throughput: ${wrkVersion}, ${CONNECTIONS} connections, 1 thread; ${WARMUP_SECONDS} s warm-up, then ${ROUNDS} rounds × ${SECONDS} s per server, alternated; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
    )
    for (const route of routes)
      for (const target of [route.mock, route.bare])
        await runWrk(target, route.url(target), route.script, WARMUP_SECONDS)
    const figures = new Map<Target, Load[]>()
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`  round ${round}:`)
      for (const route of routes) {
        // Which goes first alternates, so the machine's drift touches both alike.
        const order = round % 2 === 1 ? [route.mock, route.bare] : [route.bare, route.mock]
        for (const target of order) {
          const load = await runWrk(target, route.url(target), route.script, SECONDS)
          figures.set(target, [...(figures.get(target) ?? []), load])
          console.log(
            `    ${target.name.padEnd(34)} ${load.requestsPerSecond.toFixed(0).padStart(7)} req/s   server CPU ${load.cpuMicros.toFixed(0).padStart(4)} µs/request`,
          )
        }
      }
    }
    console.log(`Median of the ${ROUNDS} rounds:`)
    for (const route of routes) {
      const rate = (target: Target) =>
        median((figures.get(target) ?? []).map((load) => load.requestsPerSecond))
      const cpu = (target: Target) => median((figures.get(target) ?? []).map((load) => load.cpuMicros))
      const ratio = rate(route.mock) / rate(route.bare)
      console.log(`  ${route.name}`)
      for (const target of [route.mock, route.bare])
        console.log(
          `    ${target.name.padEnd(34)} ${rate(target).toFixed(0).padStart(7)} req/s   server CPU ${cpu(target).toFixed(0).padStart(4)} µs/request`,
        )
      console.log(
        `    mock / bare = ${ratio.toFixed(2)} (target ≥ ${TARGET}: ${ratio >= TARGET ? 'met' : 'NOT met'})`,
      )
    }
    // Still the expected answers after the load: nothing measured was an error in disguise.
    for (const route of routes) {
      const last = await lastEntry(route.mock.url)
      expect(
        last.status === 200 && last.error === undefined,
        `${route.name}: the last journal entry is not a success: ${JSON.stringify(last)}`,
      )
    }
  } finally {
    await Promise.all(started.map((target) => target.stop()))
    rmSync(work, { recursive: true, force: true })
  }
}

await main()
