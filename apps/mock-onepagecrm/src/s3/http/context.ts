import { journalDetail } from '@crmkit/mock-kit'
import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'
import type { RequestTarget } from '../domain/request-target.js'
import type { S3Failure } from '../domain/s3-failures.js'
import { renderErrorXml } from './xml.js'

export interface S3Variables {
  readonly requestId: string
  readonly hostId: string
  /** The request path and query as read once from the request line (see `readRequestTarget`). */
  readonly target: RequestTarget
}

export type S3Env = { Bindings: Partial<HttpBindings>; Variables: S3Variables }
export type S3Context = Context<S3Env>

/**
 * An S3 error answer: the XML document, or for HEAD the status alone, as S3 does. Every S3 error goes out
 * here, so this is where the journal entry gets the error's `Code` and `Message` (a HEAD's too).
 */
export function s3Error(c: S3Context, failure: S3Failure): Response {
  journalDetail(c.req.raw, { error: { code: failure.code, message: failure.message } })
  if (c.req.method === 'HEAD') return new Response(null, { status: failure.status })
  return new Response(renderErrorXml(failure, c.get('requestId'), c.get('hostId')), {
    status: failure.status,
    headers: { 'Content-Type': 'application/xml' },
  })
}

/** `scheme://host` of the request, for the URLs S3 puts in Location. */
export function requestOrigin(c: S3Context): string {
  const url = new URL(c.req.url)
  const host = c.req.header('host') ?? url.host
  return `${url.protocol}//${host}`
}
