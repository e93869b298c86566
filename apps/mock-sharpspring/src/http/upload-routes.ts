import { Readable } from 'node:stream'
import { journalMultipart, type MultipartPart, parseMultipart, requestBodyStream } from '@crmkit/mock-kit'
import type { Context, Handler } from 'hono'
import type { CallLimits } from '../domain/call-limits.js'
import type { RpcErrorCode } from '../domain/failure.js'
import type { FileStorage } from '../domain/file-storage.js'
import { contentTypeOfName } from '../domain/file-type.js'
import {
  type Aborted,
  type CallOutcome,
  type Credentials,
  changedState,
  checkCredentials,
  refusal,
} from '../domain/rpc-call.js'
import type { SharpSpringContext } from '../domain/state.js'
import type { UploadDeps, uploadFiles } from '../domain/upload-files.js'
import { renderOutcome } from './envelope.js'
import { journalOutcome } from './journal-outcome.js'
import { VERSIONS } from './rpc-route.js'

type Upload = typeof uploadFiles

/**
 * `POST /pubapi/{version}/uploadFiles` and `/uploadProductImage`: multipart bodies streamed through busboy.
 * A refused call still reads the body to its end (draining files, keeping nothing), so the client gets
 * its answer rather than a reset connection, and the request id from the body is echoed.
 */
export function uploadRoute(
  upload: Upload,
  credentials: Credentials,
  context: () => SharpSpringContext,
  storage: {
    files: FileStorage
    maxFileBytes: number
    journalParts?: { readonly digests: boolean } | undefined
  },
  limits?: CallLimits,
  persist?: () => Promise<void>,
): Handler {
  return async (c: Context) => {
    const version = c.req.param('version') ?? ''
    const origin = new URL(c.req.url).origin
    const deps: UploadDeps = {
      files: storage.files,
      maxFileBytes: storage.maxFileBytes,
      fileUrl: (path) => `${origin}/files/${path}`,
    }
    const options = { contentType: c.req.header('content-type') }
    const parts = parseMultipart(
      requestBodyStream(c),
      storage.journalParts === undefined
        ? options
        : journalMultipart(c.req.raw, options, storage.journalParts),
    )
    let answer: CallOutcome | Aborted
    const ctx = context()
    const query = { accountID: c.req.query('accountID'), secretKey: c.req.query('secretKey') }
    const denied = VERSIONS.includes(version)
      ? (checkCredentials(query, credentials) ?? limits?.take(ctx.now))
      : 204
    if (denied === undefined) answer = await upload(ctx, parts, deps)
    else answer = await drain(parts, denied, version)
    if ('aborted' in answer) return new Response(null, { status: 400 })
    journalOutcome(c.req.raw, answer, false)
    if (persist !== undefined && changedState(answer)) await persist()
    return c.json(renderOutcome(answer), denied === 204 ? 404 : 200)
  }
}

async function drain(
  parts: AsyncIterable<MultipartPart>,
  code: RpcErrorCode,
  version: string,
): Promise<CallOutcome> {
  let id: string | undefined
  try {
    for await (const part of parts) {
      if (part.kind === 'field' && part.name === 'id') id ??= part.value
      if (part.kind === 'file') part.stream.resume()
    }
  } catch {
    // The body was broken too; the credentials are the first thing to tell.
  }
  return refusal(code, id ?? null, code === 204 ? { version, versions: VERSIONS } : undefined)
}

/** `GET /files/{key}/{name}`: a kept file, as a File Upload field's URL or a product's `imageURL` serves it. */
export function fileRoute(files: FileStorage): Handler {
  return async (c: Context) => {
    // Hono decodes each parameter once; the store takes the name as it is, never decoding it again.
    const file = await files.open(c.req.param('key') ?? '', c.req.param('name') ?? '')
    if (file === undefined) return c.text('Not Found\n', 404)
    const name = c.req.param('name') ?? ''
    return new Response(Readable.toWeb(file.body) as ReadableStream, {
      headers: { 'Content-Type': contentTypeOfName(name), 'Content-Length': String(file.size) },
    })
  }
}
