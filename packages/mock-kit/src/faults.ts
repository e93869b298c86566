import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { journalFault } from './journal-middleware.js'
import { incomingOf } from './request-body.js'
import { urlPath } from './request-url.js'

/**
 * What a fault does to the request it catches:
 * - `reset`: reads `afterBytes` of the body (default 0), then drops the connection without an answer,
 *   as a network failure mid-upload does; the vendor's code never sees the request, so nothing is kept.
 * - any other name: an answer the app defines in its vendor's own format (`slow-down`, `throttle`…).
 */
export interface FaultSpec {
  /** Which server: `api` or `s3` (the OnePageCRM mock has both); default any. */
  readonly service?: string | undefined
  /** Default any method. */
  readonly method?: string | undefined
  /** A path prefix, default any path. */
  readonly path?: string | undefined
  /** How many matching requests it catches; default 1. */
  readonly times?: number | undefined
  readonly fault: string
  readonly afterBytes?: number | undefined
  /** Seconds for a Retry-After header on a named answer (none by default, as the vendors send none). */
  readonly retryAfter?: number | undefined
}

export interface Fault extends FaultSpec {
  readonly id: number
  /** Requests it still catches. */
  remaining: number
}

/** Vendor answers an app offers as faults, by name. */
export type FaultAnswers = Readonly<
  Record<string, (fault: Fault, c: Context) => Response | Promise<Response>>
>

export interface FaultInjector {
  /**
   * Adds a fault, or says why it cannot be used. `answers` lists, per service, the named answers it
   * offers; a fault naming an answer only one service has is bound to that service.
   */
  add(
    spec: unknown,
    answers: Readonly<Record<string, readonly string[]>>,
  ): { ok: true; fault: Fault } | { ok: false; error: string }
  list(): readonly Fault[]
  clear(): void
  /** The first armed fault this service can spring on the request, now counted as used. */
  take(service: string, method: string, path: string, answers: readonly string[]): Fault | undefined
}

const FIELDS = new Set(['service', 'method', 'path', 'times', 'fault', 'afterBytes', 'retryAfter'])

/**
 * Deterministic, per-test faults, set through `/__admin/faults`; what each answers is listed in FIDELITY.md,
 * "Injected faults".
 */
export function createFaultInjector(): FaultInjector {
  let faults: Fault[] = []
  let nextId = 1
  return {
    add(spec, answers) {
      if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
        return { ok: false, error: 'A fault is a JSON object.' }
      const body = spec as Record<string, unknown>
      const unknownField = Object.keys(body).find((name) => !FIELDS.has(name))
      if (unknownField !== undefined) return { ok: false, error: `Unknown field '${unknownField}'.` }
      const names = ['reset', ...new Set(Object.values(answers).flat())]
      if (typeof body.fault !== 'string' || !names.includes(body.fault)) {
        return { ok: false, error: `fault must be one of: ${names.join(', ')}.` }
      }
      for (const name of ['service', 'method', 'path'] as const) {
        if (body[name] !== undefined && typeof body[name] !== 'string')
          return { ok: false, error: `${name} must be a string.` }
      }
      let service = body.service as string | undefined
      if (service !== undefined && !(service in answers)) {
        return { ok: false, error: `service must be one of: ${Object.keys(answers).join(', ')}.` }
      }
      if (body.fault !== 'reset') {
        const offering = Object.keys(answers).filter((name) => answers[name]?.includes(body.fault as string))
        if (service !== undefined && !offering.includes(service)) {
          return {
            ok: false,
            error: `${body.fault} is an answer of ${offering.join(', ')}, not of ${service}.`,
          }
        }
        if (offering.length === 1) service = offering[0]
      }
      for (const name of ['times', 'afterBytes', 'retryAfter'] as const) {
        const value = body[name]
        if (
          value !== undefined &&
          (!Number.isSafeInteger(value) || (value as number) < (name === 'times' ? 1 : 0))
        ) {
          return {
            ok: false,
            error: `${name} must be a whole number${name === 'times' ? ', 1 or more' : ', 0 or more'}.`,
          }
        }
      }
      const fault: Fault = {
        ...(body as unknown as FaultSpec),
        service,
        method: typeof body.method === 'string' ? body.method.toUpperCase() : undefined,
        id: nextId++,
        remaining: (body.times as number | undefined) ?? 1,
      }
      faults.push(fault)
      return { ok: true, fault }
    },
    list: () => faults.filter((fault) => fault.remaining > 0),
    clear() {
      faults = []
    },
    take(service, method, path, offered) {
      const fault = faults.find(
        (candidate) =>
          candidate.remaining > 0 &&
          (candidate.fault === 'reset' || offered.includes(candidate.fault)) &&
          (candidate.service === undefined || candidate.service === service) &&
          (candidate.method === undefined || candidate.method === method) &&
          (candidate.path === undefined || path.startsWith(candidate.path)),
      )
      if (fault !== undefined) fault.remaining -= 1
      return fault
    },
  }
}

/**
 * Middleware that springs armed faults on matching requests, before the vendor's routes. Admin routes are
 * never caught.
 */
export function injectFaults(
  injector: FaultInjector,
  service: string,
  answers: FaultAnswers,
): MiddlewareHandler {
  const inFront = faultsInFront(injector, service, answers)
  return function faultsMiddleware(c, next) {
    return inFront(c, next)
  }
}

/**
 * The check `injectFaults` makes, for an app that calls it in front of each handler instead of as a
 * middleware: `run` (the handler) answers unless an armed fault matches. Not async itself: a request no
 * fault catches, nearly every one, goes on in the same turn, so an answer ready at once is written at once
 * (bench/README.md, JSON API throughput).
 */
export function faultsInFront(
  injector: FaultInjector,
  service: string,
  answers: FaultAnswers,
): <T>(c: Context, run: () => T) => T | Promise<Response> {
  const offered = Object.keys(answers)
  return (c, run) => {
    const path = urlPath(c.req.url)
    if (path.startsWith('/__admin')) return run()
    const fault = injector.take(service, c.req.method, path, offered)
    if (fault === undefined) return run()
    return spring(fault, c, answers)
  }
}

/** Answers the request as `fault` says: a vendor answer once the body is read, or a reset connection. */
async function spring(fault: Fault, c: Context, answers: FaultAnswers): Promise<Response> {
  journalFault(c.req.raw, fault.fault)
  const answer = answers[fault.fault]
  if (answer !== undefined) {
    await drain(incomingOf(c))
    const response = await answer(fault, c)
    if (fault.retryAfter !== undefined) response.headers.set('Retry-After', String(fault.retryAfter))
    return response
  }
  const incoming = incomingOf(c)
  if (incoming === undefined)
    throw new Error('a reset fault needs a real socket (startServer), not app.request()')
  await resetAfter(incoming, fault.afterBytes ?? 0)
  // The socket is gone; this answer is never written.
  return c.body(null, 500)
}

/** Reads the body until `afterBytes` have arrived (or it ends), then destroys the connection. */
function resetAfter(incoming: IncomingMessage, afterBytes: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0
    const cut = () => {
      incoming.off('data', onData)
      incoming.socket?.destroy()
      resolve()
    }
    const onData = (chunk: Buffer) => {
      seen += chunk.length
      if (seen >= afterBytes) cut()
    }
    if (afterBytes === 0) return cut()
    incoming.on('data', onData)
    incoming.once('end', cut)
    incoming.once('error', cut)
  })
}

/** Reads and drops the body, so an early answer does not leave the client writing into a closed request. */
async function drain(incoming: IncomingMessage | undefined): Promise<void> {
  if (incoming === undefined || incoming.readableEnded) return
  for await (const _ of incoming) {
    // dropped
  }
}
