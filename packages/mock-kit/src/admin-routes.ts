import type { Context, Env, Hono } from 'hono'
import { guardAdminRequests } from './admin-guard.js'
import { readBoundedBody } from './bounded-body.js'
import type { FaultInjector } from './faults.js'
import { fileAnswer } from './file-answer.js'
import type { HostInspection } from './host-inspection.js'
import { readInspectionQuery } from './inspection-query.js'
import { addInspectorPage } from './inspector-page.js'
import { readJournalQuery } from './journal-query.js'
import type { RequestJournal } from './request-journal.js'
import { truncateText } from './truncate-text.js'
import type { VirtualClock } from './virtual-clock.js'

/** The most bytes an admin request's body may have, by route; a longer one is refused with 413. */
export const ADMIN_BODY_LIMITS = {
  /** `POST /__admin/seed`: 10 MiB of seed document. */
  seed: 10 * 1024 * 1024,
  /** `POST /__admin/faults`: 16 KiB, a fault being a few short fields. */
  faults: 16 * 1024,
  /** `POST /__admin/clock`: 4 KiB, one short field. */
  clock: 4 * 1024,
  /** `POST /__admin/provider-states`: 64 KiB, one state change of Pact's verifier. */
  providerStates: 64 * 1024,
} as const

/**
 * Sets up or tears down a Pact provider state for the service whose port was called: Pact's state change
 * call, `{state, params, action}`. Answers the status and JSON to send back (what a setup made, for
 * `fromProviderState` generators; or what is wrong).
 */
export type ProviderStatesHandler = (
  service: string,
  change: unknown,
) => Promise<{ readonly status: 200 | 400 | 500; readonly body: unknown }>

/** Faults armed at once at most: each is kept until it has caught its requests or is cleared. */
export const MAX_ARMED_FAULTS = 1000

export interface AdminHandlers {
  readonly journal: RequestJournal
  /** Serves `GET /__admin/health` with this JSON when given. */
  readonly health?: (() => unknown) | undefined
  /** Back to the state the mock started with: records, stored files and the journal. */
  reset(): Promise<void>
  /** Adds a seed document; an error message when it cannot be used (nothing is added then). */
  seed(body: unknown): Promise<{ ok: true; created: unknown } | { ok: false; error: string }>
  /** Serves `/__admin/faults` when given: the injector and the vendor answers its apps offer. */
  readonly faults?:
    | { readonly injector: FaultInjector; readonly answers: Readonly<Record<string, readonly string[]>> }
    | undefined
  /** Serves `/__admin/clock` when given: the process's one clock. */
  readonly clock?: VirtualClock | undefined
  /** Serves `/__admin/files` and `/__admin/records` when given: what every service keeps. */
  readonly inspection?: HostInspection | undefined
  /** The service this port serves (for `providerStates`). */
  readonly service?: string | undefined
  /**
   * Serves `POST /__admin/provider-states` when given: read at each request, so the states can be
   * installed after the port listens; none installed → 404.
   */
  readonly providerStates?: (() => ProviderStatesHandler | undefined) | undefined
}

/** What `GET /__admin/files` and `GET /__admin/records` answer when no `limit` is asked. */
export const INSPECTION_DEFAULT_LIMITS = { files: 200, records: 100 } as const

/**
 * The admin API every crmkit mock serves beside the vendor's (WireMock's `/__admin` convention):
 * `GET /__admin/health`, `GET /__admin/requests` (`readJournalQuery`'s filters),
 * `POST /__admin/reset`, `POST /__admin/seed`, `GET|POST|DELETE /__admin/faults`, `GET|POST
 * /__admin/clock`, `GET /__admin/files`, `GET /__admin/files/<service>/<id>` and `GET /__admin/records`;
 * and the inspector, a web page over all of them, at `GET /__admin/`. Answers are crmkit's own JSON, never
 * the vendor's envelope. Only same-origin JSON requests are answered (`guardAdminRequests`); add these
 * routes before any other `/__admin` route so the guard covers it.
 */
export function addAdminRoutes<E extends Env>(app: Hono<E>, handlers: AdminHandlers): void {
  app.use('/__admin/*', guardAdminRequests())
  const health = handlers.health
  if (health !== undefined) app.get('/__admin/health', (c) => c.json(health()))
  app.get('/__admin/requests', (c) => {
    const query = readJournalQuery(new URL(c.req.url).searchParams)
    if (!query.ok) return c.json({ error: query.error }, 400)
    return c.json({ requests: handlers.journal.entries(query.value), dropped: handlers.journal.dropped })
  })
  app.post('/__admin/reset', async (c) => {
    handlers.faults?.injector.clear()
    await handlers.reset()
    return c.json({ reset: true })
  })
  app.post('/__admin/seed', async (c) => {
    const body = await readJson(c, ADMIN_BODY_LIMITS.seed)
    if (!body.ok) return body.refusal ?? c.json({ error: 'The body must be a JSON seed document.' }, 400)
    const result = await handlers.seed(body.value)
    return result.ok ? c.json({ created: result.created }, 201) : c.json({ error: result.error }, 400)
  })
  const faults = handlers.faults
  if (faults !== undefined) {
    app.get('/__admin/faults', (c) => c.json({ faults: faults.injector.list(), answers: faults.answers }))
    app.post('/__admin/faults', async (c) => {
      const body = await readJson(c, ADMIN_BODY_LIMITS.faults)
      if (!body.ok)
        return (
          body.refusal ??
          c.json(
            { error: 'The body must be a JSON fault: {"fault": "reset", "path": "/…", "times": 1}.' },
            400,
          )
        )
      if (faults.injector.list().length >= MAX_ARMED_FAULTS)
        return c.json(
          { error: `${MAX_ARMED_FAULTS} faults are armed already; DELETE /__admin/faults clears them.` },
          400,
        )
      const added = faults.injector.add(body.value, faults.answers)
      return added.ok ? c.json({ fault: added.fault }, 201) : c.json({ error: added.error }, 400)
    })
    app.delete('/__admin/faults', (c) => {
      faults.injector.clear()
      return c.json({ cleared: true })
    })
  }
  const clock = handlers.clock
  if (clock !== undefined) {
    app.get('/__admin/clock', (c) => c.json(clock.state()))
    app.post('/__admin/clock', async (c) => {
      const body = await readJson(c, ADMIN_BODY_LIMITS.clock)
      if (!body.ok) return body.refusal ?? c.json({ error: CLOCK_USAGE }, 400)
      const result = moveClock(clock, body.value)
      return result.ok ? c.json(result.state) : c.json({ error: result.error }, 400)
    })
  }
  const providerStates = handlers.providerStates
  if (providerStates !== undefined) {
    app.post('/__admin/provider-states', async (c) => {
      const handler = providerStates()
      if (handler === undefined)
        return c.json(
          { error: 'No provider states are installed on this mock (startMocks() installs them).' },
          404,
        )
      const body = await readJson(c, ADMIN_BODY_LIMITS.providerStates)
      if (!body.ok)
        return (
          body.refusal ??
          c.json(
            {
              error:
                'The body must be a JSON state change: {"state": "a lead {id} exists", "params": {"id": 1}, "action": "setup"}.',
            },
            400,
          )
        )
      const answer = await handler(handlers.service ?? '', body.value)
      return c.json(answer.body, answer.status)
    })
  }
  addInspectorPage(app)
  const inspection = handlers.inspection
  if (inspection !== undefined) {
    app.get('/__admin/files', async (c) => {
      const query = readInspectionQuery(
        new URL(c.req.url).searchParams,
        inspection.services(),
        INSPECTION_DEFAULT_LIMITS.files,
      )
      if (!query.ok) return c.json({ error: query.error }, 400)
      return c.json(await inspection.files(query))
    })
    app.get('/__admin/files/:service/:id', async (c) => {
      const params = new URL(c.req.url).searchParams
      const unknown = [...params.keys()].find((name) => name !== 'download')
      if (unknown !== undefined)
        return c.json({ error: `No parameter ${quoted(unknown)}; this route takes download=1.` }, 400)
      const service = c.req.param('service') ?? ''
      const id = c.req.param('id') ?? ''
      const file = await inspection.openFile(service, id)
      if (file === undefined)
        return c.json(
          { error: `No file ${quoted(id)} in service ${quoted(service)}; see GET /__admin/files.` },
          404,
        )
      const download = params.get('download')
      return fileAnswer(file, {
        download: download !== null && download !== '0' && download !== 'false',
        head: c.req.method === 'HEAD',
      })
    })
    app.get('/__admin/records', async (c) => {
      const query = readInspectionQuery(
        new URL(c.req.url).searchParams,
        inspection.services(),
        INSPECTION_DEFAULT_LIMITS.records,
      )
      if (!query.ok) return c.json({ error: query.error }, 400)
      return c.json(await inspection.records(query))
    })
  }
  app.all('/__admin/*', (c) =>
    c.json(
      {
        error: `No admin route ${c.req.method} ${new URL(c.req.url).pathname}; see GET /__admin/ (the inspector), GET /__admin/health, GET /__admin/requests, POST /__admin/reset, POST /__admin/seed, GET|POST|DELETE /__admin/faults, GET|POST /__admin/clock, GET /__admin/files, GET /__admin/files/<service>/<id>, GET /__admin/records, POST /__admin/provider-states.`,
      },
      404,
    ),
  )
}

/** A name or id a client gave, quoted and cut, for an error message. */
const quoted = (text: string) => JSON.stringify(truncateText(text, 200))

/**
 * The body as JSON, read up to `limit` bytes (`readBoundedBody`): a longer one is refused with 413 and the
 * connection closed; a body that is not JSON gives no refusal, for the route to say what it expected.
 */
async function readJson(
  c: Context,
  limit: number,
): Promise<{ ok: true; value: unknown } | { ok: false; refusal?: Response }> {
  const body = await readBoundedBody(c, { limit })
  if (!body.ok) {
    if (body.reason === 'aborted') return { ok: false }
    c.header('Connection', 'close')
    return {
      ok: false,
      refusal: c.json({ error: `The body is larger than this route takes (${body.limit} bytes).` }, 413),
    }
  }
  try {
    return { ok: true, value: JSON.parse(body.bytes.toString('utf8')) }
  } catch {
    return { ok: false }
  }
}

const CLOCK_USAGE =
  'The body must be one JSON object with one of: {"advance": "PT1H"} (an ISO 8601 duration), {"set": "2030-01-01T00:00:00Z"}, {"freeze": true}, {"real": true}.'

/** One change to the clock, as `POST /__admin/clock` asks it; anything else is refused, unchanged. */
function moveClock(
  clock: VirtualClock,
  body: unknown,
): { ok: true; state: ReturnType<VirtualClock['state']> } | { ok: false; error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, error: CLOCK_USAGE }
  const entries = Object.entries(body)
  const [only] = entries
  if (entries.length !== 1 || only === undefined) return { ok: false, error: CLOCK_USAGE }
  const [key, value] = only
  if (key === 'advance' && typeof value === 'string') return clock.advance(value)
  if (key === 'set' && typeof value === 'string') {
    // A date-time with its offset (RFC 3339), so that no reading of a local time zone is involved.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(value))
      return {
        ok: false,
        error: `"${value}" is not an ISO 8601 date-time with an offset (2030-01-01T00:00:00Z).`,
      }
    return clock.set(new Date(value))
  }
  if (key === 'freeze' && value === true) return { ok: true, state: clock.freeze() }
  if (key === 'real' && value === true) return { ok: true, state: clock.real() }
  return { ok: false, error: CLOCK_USAGE }
}
