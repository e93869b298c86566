import type { Http2Bindings, HttpBindings } from '@hono/node-server'
import type { HTTPException } from 'hono/http-exception'
import { drainerAfterAnswer } from './drain-after-answer.js'
import { entryRecorder, type JournalRequestsOptions } from './journal-middleware.js'
import { incomingOf } from './request-body.js'
import type { RequestJournal } from './request-journal.js'
import { urlPath } from './request-url.js'
import type { FetchApp } from './start-server.js'

/**
 * What a mock host serves on a service's port: its own app (`hostApp`: the admin API, behind
 * `drainAfterAnswer` and `journalRequests`, forwarding everything else to the service) for requests under
 * `/__` (percent-encoded or not), and for all others the service's app directly, with the same drain and
 * journal around it. Every route of the host's own is under `/__` (the admin API), where no vendor route
 * is, so every request is answered as the host's app would; but a vendor request goes through one Hono app
 * instead of two: half the routing, contexts and promises (bench/README.md, JSON API throughput).
 */
export function hostFetch(
  hostApp: FetchApp,
  serviceApp: FetchApp,
  journal: RequestJournal,
  options: JournalRequestsOptions,
): FetchApp {
  const recorder = entryRecorder(journal, options)
  const afterAnswer = drainerAfterAnswer()
  const vendor = (request: Request, env: HttpBindings | Http2Bindings): Response | Promise<Response> => {
    const incoming = incomingOf({ env })
    const entry = recorder.arrive(request, incoming)
    const answered = (response: Response): Response => {
      if (entry !== undefined) recorder.record(request, entry, response.status)
      afterAnswer(incoming, () => response.headers.set('Connection', 'close'))
      return response
    }
    const failed = (error: unknown): Response | Promise<Response> => {
      if (error instanceof Error) return answered(failureAnswer(error))
      // Not an Error: it goes on to @hono/node-server, which answers 500, as the journal says.
      if (entry !== undefined) recorder.record(request, entry, 500)
      return Promise.reject(error)
    }
    let result: Response | Promise<Response>
    try {
      result = serviceApp.fetch(request, env)
    } catch (error) {
      return failed(error)
    }
    // An answer ready at once (a kept read's) is written in this turn, without a chain of promises.
    if (!(result instanceof Promise)) return answered(result)
    return result.then(answered, failed)
  }
  return {
    fetch: (request, env) =>
      isHostPath(urlPath(request.url)) ? hostApp.fetch(request, env) : vendor(request, env),
  }
}

/**
 * Whether the host's app may have a route for `path`: one under `/__`, or one with a percent-encoded
 * character, which Hono's router decodes before it matches (`/%5F%5Fadmin/health` is the admin API's
 * `/__admin/health` to the host's app). Such a path is rare from a vendor's client, and the host's app
 * answers it as it always did.
 */
function isHostPath(path: string): boolean {
  return path.startsWith('/__') || path.includes('%')
}

/**
 * The answer to an Error that escaped a service's app, as the host's app gave it when it was in front:
 * Hono's default error handler's (an HTTPException's own answer, else `Internal Server Error` in plain
 * text, the error logged). Anything thrown that is not an Error goes on, to @hono/node-server's own 500.
 */
function failureAnswer(error: Error): Response {
  if ('getResponse' in error) {
    const thrown = (error as HTTPException).getResponse()
    return new Response(thrown.body, { status: thrown.status, headers: thrown.headers })
  }
  console.error(error)
  return new Response('Internal Server Error', {
    status: 500,
    headers: { 'Content-Type': 'text/plain; charset=UTF-8' },
  })
}
