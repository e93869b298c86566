import {
  type Clock,
  cryptoRandomBytes,
  type FaultInjector,
  injectFaults,
  type RandomBytes,
  systemClock,
} from '@crmkit/mock-kit'
import { Hono } from 'hono'
import type { S3Config } from './domain/config.js'
import { createHostedBuckets, type HostedBuckets } from './domain/hosted-buckets.js'
import type { ObjectStore } from './domain/object-store.js'
import { type EmulatedOperation, identifyOperation } from './domain/s3-operation.js'
import { type S3Context, type S3Env, s3Error } from './http/context.js'
import { addCors } from './http/cors.js'
import { deleteObjectRoute } from './http/delete-object-route.js'
import { S3_FAULT_ANSWERS } from './http/fault-answers.js'
import { getObjectRoute } from './http/get-object-route.js'
import { listObjectsRoute } from './http/list-objects-route.js'
import { postObjectRoute } from './http/post-object-route.js'
import { putObjectRoute } from './http/put-object-route.js'
import { requestIds } from './http/request-ids.js'
import { readRequestTarget } from './http/request-target.js'

/** The S3 emulator's name in the request journal and in `/__admin/faults`. */
export const S3_SERVICE = 's3'

export interface S3AppDeps {
  readonly config: S3Config
  /**
   * The buckets it answers for, read at each request (`createS3Service` adds to them through its seed);
   * default `config.buckets`, fixed.
   */
  readonly buckets?: HostedBuckets | undefined
  readonly store: ObjectStore
  readonly clock?: Clock
  readonly random?: RandomBytes
  /**
   * Report each multipart part to the request journal (which the host keeps): `{ digests: false }` keeps
   * sizes but no SHA-256. Absent, parts are not reported.
   */
  readonly journalParts?: { readonly digests: boolean } | undefined
  /** Faults armed through the admin API (service `s3`). */
  readonly faults?: FaultInjector | undefined
}

/**
 * The S3 emulator as a Hono app, path-style (`/{bucket}/{key}`) or virtual-hosted (Host
 * `{bucket}.s3.{region}.amazonaws.com`, path `/{key}`). It never listens; `createS3Service` hosts
 * it, `startS3Emulator` serves it alone.
 * Operations: POST Object (browser upload), GetObject, HeadObject, PutObject, DeleteObject, ListObjectsV2
 * (header-signed or pre-signed), CORS preflight; any other is 501 NotImplemented naming it.
 */
export function createS3App(deps: S3AppDeps): Hono<S3Env> {
  const now = deps.clock ?? systemClock
  const buckets = deps.buckets ?? createHostedBuckets(deps.config.buckets)
  const domain = { config: deps.config, buckets, store: deps.store, now }
  const app = new Hono<S3Env>()
  app.use('*', requestIds(deps.random ?? cryptoRandomBytes))
  // After the request ids, which S3's error XML carries, and before any route, so a faulted request
  // changes nothing.
  if (deps.faults !== undefined) app.use('*', injectFaults(deps.faults, S3_SERVICE, S3_FAULT_ANSWERS))
  addCors(app, deps.config.cors)
  // Every route below works on the request target read here once (bucket, key, query), never on the
  // normalised URL: the path is S3's to interpret, `.` and `..` segments included.
  app.use('*', readRequestTarget())
  const getOrHead = getObjectRoute(domain)
  const routes: Record<EmulatedOperation, (c: S3Context) => Promise<Response>> = {
    PostObject: postObjectRoute(domain, deps.journalParts),
    GetObject: getOrHead,
    HeadObject: getOrHead,
    PutObject: putObjectRoute(domain),
    DeleteObject: deleteObjectRoute(domain),
    ListObjectsV2: listObjectsRoute(domain),
  }
  // One dispatch for every method: the operation is the method, the path and the subresource together,
  // and whatever is not emulated is NotImplemented naming it.
  app.all('*', (c) => {
    const { path, query } = c.get('target')
    const identified = identifyOperation({
      method: c.req.method,
      bucket: path.bucket,
      key: path.key,
      query,
      hasHeader: (name) => c.req.raw.headers.has(name),
    })
    return identified.ok ? routes[identified.operation](c) : s3Error(c, identified.error)
  })
  app.onError((error, c) => {
    console.error(error)
    return s3Error(c, {
      status: 500,
      code: 'InternalError',
      message: 'We encountered an internal error. Please try again.',
      details: [],
    })
  })
  return app
}
