import {
  type Clock,
  type FaultInjector,
  faultsInFront,
  type RenderedAnswers,
  systemClock,
} from '@crmkit/mock-kit'
import { type Handler, Hono } from 'hono'
import { createCallLimits } from './domain/call-limits.js'
import type { SharpSpringConfig } from './domain/config.js'
import type { FileStorage } from './domain/file-storage.js'
import type { SharpSpringContext, SharpSpringState } from './domain/state.js'
import { zoneOfVersion } from './domain/time-zone.js'
import { uploadFiles } from './domain/upload-files.js'
import { uploadProductImage } from './domain/upload-product-image.js'
import { SHARPSPRING_FAULT_ANSWERS } from './http/fault-answers.js'
import { refusalAnswer } from './http/journal-outcome.js'
import { type KeptCall, rpcRoute } from './http/rpc-route.js'
import { fileRoute, uploadRoute } from './http/upload-routes.js'

/** The mock's name in the request journal and in `/__admin/faults`. */
export const SHARPSPRING_SERVICE = 'sharpspring'

export interface SharpSpringAppDeps {
  readonly config: SharpSpringConfig
  /** Where uploaded files and product images are kept. */
  readonly files: FileStorage
  readonly state: SharpSpringState
  readonly newId: () => number
  readonly clock?: Clock
  /**
   * Report each multipart part (name, filename, size and, with `digests`, SHA-256) to the host's request
   * journal. Absent, parts are not reported.
   */
  readonly journalParts?: { readonly digests: boolean } | undefined
  /** Makes the state durable after a change (`--data-dir`); the answer waits for it. */
  readonly persist?: (() => Promise<void>) | undefined
  /** Faults armed through the admin API (service `sharpspring`). */
  readonly faults?: FaultInjector | undefined
  /**
   * Where pure reads' answers are kept between changes (mock-kit's `createRenderedAnswers`); none: every call
   * runs. Whoever changes `state` other than through the API (a seed, a reset) calls its `changed()`.
   */
  readonly renderedAnswers?: RenderedAnswers<KeptCall> | undefined
}

/** The SharpSpring API as a Hono app under `/pubapi`. It never listens; `createSharpSpringService` hosts it. */
export function createSharpSpringApp(deps: SharpSpringAppDeps): Hono {
  const clock = deps.clock ?? systemClock
  const app = new Hono()
  // Faults are checked in front of every handler, as a middleware would be but called in place: a route is
  // then the one handler its requests match, which Hono runs without composing a chain (bench/README.md,
  // JSON API throughput).
  const faults =
    deps.faults === undefined
      ? undefined
      : faultsInFront(deps.faults, SHARPSPRING_SERVICE, SHARPSPRING_FAULT_ANSWERS)
  const front = (handler: Handler): Handler =>
    faults === undefined ? handler : (c, next) => faults(c, () => handler(c, next))
  // A call's context: its version decides the zone its date-times are in (time-zone.ts).
  const context = (version?: string): SharpSpringContext => ({
    state: deps.state,
    now: clock(),
    newId: deps.newId,
    fileFieldType: deps.config.fileFieldType,
    timeZone: version === undefined ? undefined : zoneOfVersion(version, deps.config.timeZone),
  })
  const limits = deps.config.limits ? createCallLimits({ perSecond: 10, perDay: 50_000 }) : undefined
  const answers = deps.renderedAnswers
  const rpc = rpcRoute(deps.config, deps.config.maxJsonBodyBytes, context, limits, deps.persist, answers)
  // An upload changes leads or products, after pauses (the parts arriving, the files stored): what was
  // kept is dropped as it starts and as it ends, and nothing is kept while it runs.
  const changing =
    (handler: Handler): Handler =>
    async (c, next) => {
      const ended = answers?.beginChange()
      try {
        return await handler(c, next)
      } finally {
        ended?.()
      }
    }
  const storage = {
    files: deps.files,
    maxFileBytes: deps.config.maxFileBytes,
    journalParts: deps.journalParts,
  }
  app.post(
    '/pubapi/:version/uploadFiles',
    front(changing(uploadRoute(uploadFiles, deps.config, context, storage, limits, deps.persist))),
  )
  app.post(
    '/pubapi/:version/uploadProductImage',
    front(changing(uploadRoute(uploadProductImage, deps.config, context, storage, limits, deps.persist))),
  )
  app.post('/pubapi/:version', front(rpc))
  app.post('/pubapi/:version/', front(rpc))
  app.get('/files/:key/:name', front(fileRoute(deps.files)))
  // Hono's own 404, behind the faults as every request is.
  const notFound = front((c) => c.text('404 Not Found', 404))
  app.notFound((c) => notFound(c, async () => {}) as Response | Promise<Response>)
  app.onError((error, c) => {
    console.error(error)
    return refusalAnswer(c, 999, 500)
  })
  return app
}
