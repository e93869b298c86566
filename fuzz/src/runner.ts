import fc from 'fast-check'
import { isNodeBadRequest } from './checks.js'
import { leftovers, readState, s3Disk, settledLeftovers, sharpSpringFiles } from './data-dir.js'
import { compactJson, escapeBytes, hexDump } from './dump.js'
import { knownIssueOf } from './known-issues.js'
import { MocksProcess, type ServiceName } from './mocks-process.js'
import { type RawOutcome, type RawResponse, sendRaw, simpleRequest, type WritePlan } from './raw-http.js'

export type ViolationKind =
  | 'crash'
  | '5xx'
  | 'no-answer'
  | 'format'
  | 'leftover'
  | 'partial-object'
  | 'lost-object'
  | 'readback'
  | 'state-changed'
  /** An unmutated, valid request was not answered as a success (the harness or the service is off). */
  | 'refused-valid'
  /**
   * Not the answer the request calls for: a success for a request S3 refuses, or another refusal than its
   * faults call for (the header-signed S3 endpoints, which know what S3 answers to each).
   */
  | 'wrong-answer'

export interface Violation {
  readonly kind: ViolationKind
  /** What groups violations into one failure class (no request-specific values). */
  readonly key: string
  /** The first occurrence's details. */
  readonly detail: string
}

/** Run-time settings: the bounded run (`pnpm test`) and the long one (`pnpm fuzz`) differ only here. */
export interface Settings {
  readonly seed: number
  readonly long: boolean
  /** Bodies per upload endpoint and per JSON endpoint. */
  readonly uploadRuns: number
  readonly jsonRuns: number
  /** Stop an endpoint after this long even if it has bodies left (0: no limit). */
  readonly endpointBudgetMs: number
  /** How long a complete request may take before it counts as unanswered. */
  readonly timeoutMs: number
  /** How long to wait for an answer to a request that was cut short (one may or may not come). */
  readonly cutShortWaitMs: number
  /** How long a request without an answer may take to finish on the server (its journal entry). */
  readonly settleMs: number
  /** How long temporary files may take to go once an answer came. */
  readonly leftoverWaitMs: number
  /** Reset the mocks (`POST /__admin/reset`) every this many bodies, so that the state stays small. */
  readonly resetEvery: number
  /** Requests a minimisation may spend on one failure class. */
  readonly shrinkBudget: number
  /** Reproducers kept per endpoint (distinct failure classes). */
  readonly maxClasses: number
  /** Only this case index (reproducing one reported case). */
  readonly onlyCase?: number | undefined
}

/** A concrete request, ready to go on the wire. */
export interface PreparedRequest {
  readonly service: ServiceName
  readonly head: Buffer
  readonly wire: Buffer
  readonly plan: WritePlan
  /** The server may legitimately not answer (the request was cut short or its framing is broken). */
  readonly cutShort: boolean
  /** The HTTP framing is invalid: node's own bare `400 Bad Request` is acceptable. */
  readonly framingBroken: boolean
  /** The body never arrives whole: half-close after it, and nothing may be stored. */
  readonly bodyIncomplete: boolean
  /**
   * Bytes follow a complete (shorter) body: without an answer, whether the call was carried out is unknown,
   * so the stored-object and record checks are skipped.
   */
  readonly mayHaveSucceeded: boolean
  /** What was done to the valid request, for reproducers. */
  readonly description: string
}

/** The data directory as it was before a request, for the checks after it. */
export interface DiskBefore {
  /** Leftovers already there (reported once, by the request that left them). */
  readonly leftovers: ReadonlySet<string>
  readonly s3: { readonly objects: number; readonly blobs: number }
  readonly sharpSpringFiles: ReadonlySet<string>
  readonly state: { readonly sharpspring: string | undefined; readonly onepagecrm: string | undefined }
}

export interface Endpoint<C, P extends PreparedRequest = PreparedRequest> {
  /** Stable id, used by FUZZ_ENDPOINT and in reproducers (`s3.post-object`). */
  readonly id: string
  /** What it is, as a person reads it (`S3 POST /<bucket>`). */
  readonly label: string
  readonly kind: 'upload' | 'json'
  readonly service: ServiceName
  /** This endpoint's bodies as a multiple of its kind's (the JSON-RPC endpoint carries every method). */
  readonly runShare?: number
  arbitrary(settings: Settings): fc.Arbitrary<C>
  prepare(ctx: FuzzContext, input: C, index: number): Promise<P>
  /** The endpoint's own checks: the vendor's format, read-backs, stored objects against answers. */
  check(ctx: FuzzContext, prepared: P, outcome: RawOutcome, before: DiskBefore): Promise<Violation[]>
  /** Simpler variants of a case, for minimising a failing one. */
  shrink(input: C): C[]
}

// biome-ignore lint/suspicious/noExplicitAny: endpoints of every case type run through one loop.
export type AnyEndpoint = Endpoint<any, any>

/** The mocks under test and what the endpoints set up on them. */
export class FuzzContext {
  proc: MocksProcess
  readonly #fixtures = new Map<string, Promise<unknown>>()
  restarts = 0

  constructor(
    proc: MocksProcess,
    readonly settings: Settings,
    /** A tag unique to this run, for keys and e-mail addresses. */
    readonly tag: string,
  ) {
    this.proc = proc
  }

  get dataDir(): string {
    return this.proc.dataDir
  }

  port(service: ServiceName): number {
    return this.proc.port(service)
  }

  /** Something an endpoint needs (an attachment to rename…), made once per process and reset. */
  fixture<T>(name: string, make: () => Promise<T>): Promise<T> {
    let found = this.#fixtures.get(name) as Promise<T> | undefined
    if (found === undefined) {
      found = make()
      this.#fixtures.set(name, found)
      found.catch(() => this.#fixtures.delete(name))
    }
    return found
  }

  /**
   * The sequence number of the last request the mocks finished (their journal's `seq`; 0 when none), or
   * undefined when the process does not answer (it died: the health check tells).
   */
  async journalSeq(): Promise<number | undefined> {
    try {
      const answer = await simpleRequest(this.port('s3'), 'GET', '/__admin/requests?limit=1', {
        timeoutMs: 2000,
      })
      const { requests } = JSON.parse(answer.body.toString('utf8')) as { requests: Array<{ seq: number }> }
      return requests[0]?.seq ?? 0
    } catch {
      return undefined
    }
  }

  /**
   * Waits until the mocks finished a request after `seq` (so a request left without an answer has run its
   * course, its changes durable), or `ms` passed (a request node's parser refused never gets that far).
   */
  async requestFinished(seq: number | undefined, ms: number): Promise<boolean> {
    const until = Date.now() + ms
    for (;;) {
      const now = await this.journalSeq()
      if (seq === undefined || now === undefined) return false
      if (now > seq) return true
      if (Date.now() >= until) return false
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }

  async reset(): Promise<void> {
    this.#fixtures.clear()
    // A process that died after the last health check is replaced first.
    if (!(await this.proc.healthy())) await this.restart()
    await simpleRequest(this.port('s3'), 'POST', '/__admin/reset')
  }

  /** A new process on the same data directory, after the last one died. */
  async restart(): Promise<void> {
    this.#fixtures.clear()
    await this.proc.stop()
    this.proc = await MocksProcess.start(this.dataDir)
    this.restarts++
  }
}

export function diskBefore(dataDir: string): DiskBefore {
  return {
    leftovers: new Set(leftovers(dataDir)),
    s3: s3Disk(dataDir),
    sharpSpringFiles: new Set(sharpSpringFiles(dataDir)),
    state: { sharpspring: readState(dataDir, 'sharpspring'), onepagecrm: readState(dataDir, 'onepagecrm') },
  }
}

/** The first `SomethingError: message` of a stack printed on stderr, and the frame it was thrown from. */
export function errorSignature(stderr: string): { line: string; key: string } | undefined {
  const lines = stderr.split('\n')
  const index = lines.findIndex(
    (line) => /^\s*(?:Uncaught )?[A-Z]\w*(?:Error|Exception)\b/.test(line) || /^\s*Error:/.test(line),
  )
  if (index < 0) {
    const first = lines.find((line) => line.trim() !== '')
    return first === undefined ? undefined : { line: first.trim(), key: normalise(first.trim()) }
  }
  const line = (lines[index] as string).trim()
  const frame = lines.slice(index + 1).find((l) => /^\s+at /.test(l))
  const where = frame === undefined ? '' : (/at (?:async )?([^\s(]+)/.exec(frame)?.[1] ?? '')
  const name = /^(?:Uncaught )?(\w+)/.exec(line)?.[1] ?? 'Error'
  return { line, key: `${name} at ${where || '?'}: ${normalise(line.slice(0, 80))}` }
}

/** A message with its request-specific values replaced, so that one defect is one class. */
export function normalise(text: string): string {
  return text
    .replace(/(?:file:\/\/)?\/[^\s'",)]+/g, '<path>')
    .replace(/'[^']*'|"[^"]*"/g, "'…'")
    .replace(/\b[0-9a-f]{8,}\b/gi, 'H')
    .replace(/\d+/g, 'N')
    .replace(/(Unknown encoding:|encoding)\s*\S+/i, '$1 …')
}

export interface CaseResult {
  readonly violations: Violation[]
  readonly prepared: PreparedRequest
  readonly outcome: RawOutcome
}

/**
 * Sends one case and checks every invariant: the process still runs, an answer came unless the request
 * was cut short, no 5xx, the endpoint's own checks, no temporary file left.
 */
export async function runCase(
  ctx: FuzzContext,
  endpoint: AnyEndpoint,
  input: unknown,
  index: number,
): Promise<CaseResult> {
  const settings = ctx.settings
  // Prepared first: making a case may set things up (fixtures, an S3 file to attach) that count as before.
  let prepared: PreparedRequest
  try {
    prepared = (await endpoint.prepare(ctx, input, index)) as PreparedRequest
  } catch (error) {
    // Setting the case up (a fixture, an S3 file to attach) failed: the service refused a valid request.
    const message = (error as Error).message
    const nothing = Buffer.alloc(0)
    if (!(await ctx.proc.healthy())) await ctx.restart()
    return {
      violations: [
        {
          kind: 'refused-valid',
          key: `refused-valid: setting the case up failed: ${normalise(message.slice(0, 60))}`,
          detail: message,
        },
      ],
      prepared: {
        service: endpoint.service,
        head: nothing,
        wire: nothing,
        plan: { chunkSizes: [1], delayMs: 0, halfClose: false },
        cutShort: false,
        framingBroken: false,
        bodyIncomplete: false,
        mayHaveSucceeded: false,
        description: 'setup',
      },
      outcome: { kind: 'no-answer', reason: 'closed', received: nothing, ms: 0 },
    }
  }
  const before = diskBefore(ctx.dataDir)
  const mark = ctx.proc.stderrMark()
  const seq = await ctx.journalSeq()
  const port = ctx.port(prepared.service)
  const plan: WritePlan =
    prepared.bodyIncomplete && prepared.plan.closeAfter === undefined
      ? { ...prepared.plan, halfClose: true }
      : prepared.plan
  const sent = await sendRaw(
    port,
    Buffer.concat([prepared.head, prepared.wire]),
    plan,
    prepared.cutShort ? settings.cutShortWaitMs : settings.timeoutMs,
  )
  // Node's own 400 to bytes it cannot frame is no answer of the app's: the call's fate is unknown.
  const outcome: RawOutcome =
    sent.kind === 'answer' && prepared.framingBroken && isNodeBadRequest(sent.response)
      ? { kind: 'no-answer', reason: 'parser-400', received: sent.response.body, ms: sent.ms }
      : sent
  const violations: Violation[] = []
  // A request left without an answer, or whose connection node's parser closed with its own 400 (bytes after
  // the body), may still be running on the server: let it finish first.
  if ((outcome.kind === 'no-answer' || prepared.framingBroken) && ctx.proc.alive)
    await ctx.requestFinished(seq, settings.settleMs)
  // Let whatever the request started finish (temporary files removed) before judging the rest.
  const left = (await settledLeftovers(ctx.dataDir, settings.leftoverWaitMs, before.leftovers)).filter(
    (path) => !before.leftovers.has(path),
  )
  if (!(await ctx.proc.healthy([prepared.service]))) {
    // A crash may take a moment to show: wait for the exit, then read its last words.
    await Promise.race([ctx.proc.exited, new Promise((resolve) => setTimeout(resolve, 200))])
    const stderr = ctx.proc.stderrSince(mark)
    const signature = errorSignature(stderr)
    const status = ctx.proc.exitStatus
    violations.push({
      kind: 'crash',
      key: `crash: ${signature?.key ?? (status === undefined ? 'health check failed' : `exit ${status.code ?? status.signal}`)}`,
      detail: `${ctx.proc.alive ? 'health check failed' : `process exited (${status?.code ?? status?.signal})`}: ${signature?.line ?? '(nothing on stderr)'}${stderrExcerpt(stderr)}`,
    })
    await ctx.restart()
    return { violations, prepared, outcome }
  }
  if (outcome.kind === 'no-answer' && outcome.reason !== 'early-close' && !prepared.cutShort) {
    violations.push({
      kind: 'no-answer',
      key: `no-answer: ${outcome.reason}`,
      detail: `no answer to a complete request (${outcome.reason}${outcome.error ? ` ${outcome.error}` : ''} after ${outcome.ms} ms; ${outcome.received.length} bytes received: ${escapeBytes(outcome.received, 120)})`,
    })
  }
  // 501 is the mocks' deliberate answer to what they do not emulate (FIDELITY.md, "No silent yes"), not a bug.
  if (outcome.kind === 'answer' && outcome.response.status >= 500 && outcome.response.status !== 501) {
    const signature = errorSignature(ctx.proc.stderrSince(mark))
    violations.push({
      kind: '5xx',
      key: `5xx: ${outcome.response.status} ${signature?.key ?? ''}`,
      detail: `HTTP ${outcome.response.status}: ${escapeBytes(outcome.response.body, 200)}${signature === undefined ? '' : ` — server log: ${signature.line}`}`,
    })
  }
  violations.push(...(await endpoint.check(ctx, prepared, outcome, before)))
  // A request whose body never arrived whole must not have been carried out.
  const incomplete =
    outcome.kind === 'no-answer' &&
    (prepared.bodyIncomplete || (outcome.reason === 'early-close' && !prepared.mayHaveSucceeded))
  if (incomplete && (prepared.service === 'sharpspring' || prepared.service === 'onepagecrm')) {
    const now = readState(ctx.dataDir, prepared.service)
    if (now !== before.state[prepared.service])
      violations.push({
        kind: 'partial-object',
        key: `partial-object: a request cut short (body incomplete) changed the ${prepared.service} records`,
        detail: `${prepared.description}: ${prepared.service}/state.json changed though the body never arrived whole`,
      })
  }
  if (left.length > 0) {
    violations.push({
      kind: 'leftover',
      key: `leftover: ${[
        ...new Set(
          left.map((path) =>
            path
              .split('/')
              .slice(0, 2)
              .join('/')
              .replace(/\.[^/]*\.tmp$/, '.*.tmp'),
          ),
        ),
      ].join(', ')}`,
      detail: `${left.length} temporary file(s) still there ${settings.leftoverWaitMs} ms after the request: ${left.slice(0, 3).join(', ')}`,
    })
  }
  return { violations, prepared, outcome }
}

function stderrExcerpt(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '')
  const index = lines.findIndex((line) => /Error\b/.test(line))
  const shown = lines.slice(Math.max(0, index), Math.max(0, index) + 5)
  return shown.length === 0 ? '' : `\n      ${shown.map((line) => line.trim()).join('\n      ')}`
}

export interface ClassReport {
  readonly endpoint: string
  readonly kind: ViolationKind
  readonly key: string
  count: number
  readonly firstCase: number
  readonly detail: string
  /** The case as generated, and after minimisation. */
  readonly original: unknown
  minimal: unknown
  minimalDescription: string
  /** Whether the minimal case failed the same way when sent again on its own. */
  reproduced: boolean
  requestHead: Buffer
  requestBody: Buffer
}

export interface EndpointReport {
  readonly endpoint: AnyEndpoint
  bodies: number
  answered: number
  unanswered: number
  readonly counts: Record<ViolationKind, number>
  readonly classes: Map<string, ClassReport>
  ms: number
  stoppedEarly: boolean
}

const emptyCounts = (): Record<ViolationKind, number> => ({
  crash: 0,
  '5xx': 0,
  'no-answer': 0,
  format: 0,
  leftover: 0,
  'partial-object': 0,
  'lost-object': 0,
  readback: 0,
  'state-changed': 0,
  'refused-valid': 0,
  'wrong-answer': 0,
})

/** The cases of an endpoint for a seed: the same seed gives the same cases, in the same order. */
export function casesOf<C>(endpoint: Endpoint<C>, settings: Settings, runs: number): C[] {
  return fc.sample(endpoint.arbitrary(settings), { seed: settings.seed ^ hash(endpoint.id), numRuns: runs })
}

export function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h | 0
}

/** Runs an endpoint's cases, counting and classifying what fails, minimising the first case of each class. */
export async function fuzzEndpoint(
  ctx: FuzzContext,
  endpoint: AnyEndpoint,
  onProgress?: (report: EndpointReport) => void,
): Promise<EndpointReport> {
  const settings = ctx.settings
  const runs = Math.round(
    (endpoint.kind === 'upload' ? settings.uploadRuns : settings.jsonRuns) * (endpoint.runShare ?? 1),
  )
  const total = settings.onlyCase === undefined ? runs : settings.onlyCase + 1
  const cases = casesOf(endpoint, settings, total)
  const report: EndpointReport = {
    endpoint,
    bodies: 0,
    answered: 0,
    unanswered: 0,
    counts: emptyCounts(),
    classes: new Map(),
    ms: 0,
    stoppedEarly: false,
  }
  const started = Date.now()
  const overBudget = () => settings.endpointBudgetMs > 0 && Date.now() - started > settings.endpointBudgetMs
  await ctx.reset()
  for (let index = settings.onlyCase ?? 0; index < cases.length; index++) {
    if (overBudget()) {
      report.stoppedEarly = true
      break
    }
    if (index > 0 && index % settings.resetEvery === 0) await ctx.reset()
    const input = cases[index]
    const result = await runCase(ctx, endpoint, input, index)
    report.bodies++
    if (result.outcome.kind === 'answer') report.answered++
    else report.unanswered++
    const seen = new Set<string>()
    const fresh: ClassReport[] = []
    for (const violation of result.violations) {
      // One count per kind and case.
      if (!seen.has(violation.kind)) report.counts[violation.kind]++
      seen.add(violation.kind)
      const known = report.classes.get(violation.key)
      if (known !== undefined) {
        known.count++
        continue
      }
      if (report.classes.size >= settings.maxClasses) continue
      const entry: ClassReport = {
        endpoint: endpoint.id,
        kind: violation.kind,
        key: violation.key,
        count: 1,
        firstCase: index,
        detail: violation.detail,
        original: input,
        minimal: input,
        minimalDescription: result.prepared.description,
        reproduced: false,
        requestHead: result.prepared.head,
        requestBody: result.prepared.wire,
      }
      report.classes.set(violation.key, entry)
      fresh.push(entry)
    }
    // New failure classes are minimised together: one case often breaks several invariants at once.
    if (fresh.length > 0 && !overBudget()) await minimise(ctx, endpoint, fresh, index)
    onProgress?.(report)
  }
  report.ms = Date.now() - started
  return report
}

const SEVERITY: readonly ViolationKind[] = [
  'crash',
  '5xx',
  'no-answer',
  'lost-object',
  'readback',
  'partial-object',
  'state-changed',
  'leftover',
  'wrong-answer',
  'format',
  'refused-valid',
]

/**
 * Drops the case's mutations one at a time while it still fails the way that matters most (the most severe
 * of the new classes): greedy delta debugging. Each new class then records the smallest case that still
 * shows it.
 */
async function minimise(
  ctx: FuzzContext,
  endpoint: AnyEndpoint,
  entries: ClassReport[],
  index: number,
): Promise<void> {
  const primary = [...entries].sort(
    (a, b) => SEVERITY.indexOf(a.kind) - SEVERITY.indexOf(b.kind),
  )[0] as ClassReport
  let budget = ctx.settings.shrinkBudget
  let current = primary.minimal
  const record = (candidate: unknown, result: CaseResult) => {
    for (const entry of entries) {
      if (!result.violations.some((violation) => violation.key === entry.key)) continue
      entry.minimal = candidate
      entry.minimalDescription = result.prepared.description
      entry.requestHead = result.prepared.head
      entry.requestBody = result.prepared.wire
      entry.reproduced = true
    }
  }
  let improved = true
  while (improved && budget > 0) {
    improved = false
    for (const candidate of endpoint.shrink(current)) {
      if (budget-- <= 0) break
      const result = await runCase(ctx, endpoint, candidate, index)
      if (result.violations.some((violation) => violation.key === primary.key)) {
        current = candidate
        record(candidate, result)
        improved = true
        break
      }
    }
  }
  if (!primary.reproduced && budget > 0) {
    // Nothing simpler failed: does the case itself fail again?
    record(current, await runCase(ctx, endpoint, current, index))
  }
}

export function summaryLine(report: EndpointReport): string {
  const c = report.counts
  return [
    `${report.endpoint.label.padEnd(46)}`,
    `bodies ${String(report.bodies).padStart(6)}`,
    `crashes ${c.crash}`,
    `5xx ${c['5xx']}`,
    `no-answer ${c['no-answer']}`,
    `format ${c.format}`,
    `leftovers ${c.leftover}`,
    `partial ${c['partial-object']}`,
    `lost ${c['lost-object']}`,
    `read-back ${c.readback}`,
    `state ${c['state-changed']}`,
    `valid-refused ${c['refused-valid']}`,
    `wrong ${c['wrong-answer']}`,
    `${(report.ms / 1000).toFixed(1)}s${report.stoppedEarly ? ' (time budget)' : ''}`,
  ].join('  ')
}

export function describeClass(settings: Settings, entry: ClassReport, command: string, hex = false): string {
  const known = knownIssueOf(entry.endpoint, entry.key)
  return [
    `  ${known === undefined ? '✗' : `~ known issue ${known.id}:`} [${entry.kind}] ${entry.key}  ×${entry.count} (first at case ${entry.firstCase})`,
    ...(known === undefined ? [] : [`      ${known.summary}`]),
    `      ${entry.detail}`,
    `      reproduce: FUZZ_SEED=${settings.seed} FUZZ_ENDPOINT=${entry.endpoint} FUZZ_CASE=${entry.firstCase} ${command}`,
    `      minimal (${entry.reproduced ? 'fails again when re-sent' : 'did NOT fail again when re-sent: may depend on earlier requests'}): ${entry.minimalDescription}`,
    `      case: ${compactJson(entry.minimal)}`,
    `      request head: ${escapeBytes(entry.requestHead, 1500)}`,
    ...(hex ? [hexDump(entry.requestHead, 512).replace(/^/gm, '        ')] : []),
    `      request body: ${escapeBytes(entry.requestBody, 700)}`,
  ].join('\n')
}

/** A failing endpoint's report: its figures, then each failure class with its reproducer. */
export function describeFailures(
  settings: Settings,
  report: EndpointReport,
  command: string,
  hex = false,
): string {
  return [
    summaryLine(report),
    ...[...report.classes.values()].map((entry) => describeClass(settings, entry, command, hex)),
  ].join('\n')
}

export type { RawResponse }
