import { request as httpsRequest } from 'node:https'
import axios from 'axios'
import { FormData as UndiciFormData, request as undiciRequest } from 'undici'
import type { InterceptedVendors } from '../src/index.js'

/** The seeds' SharpSpring JSON-RPC endpoint, with the real host built in. */
export const SHARPSPRING_API = 'https://api.sharpspring.com/pubapi/v1/'
export const ONEPAGECRM_API = 'https://app.onepagecrm.com/api/v3'
/** OnePageCRM's real attachment bucket, virtual-hosted. */
export const BUCKET_URL = 'https://onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com/'

export const sharpSpringQuery = (mocks: InterceptedVendors) => {
  const ss = mocks.sharpspring
  if (ss === undefined) throw new Error('SharpSpring is not running')
  return `accountID=${ss.credentials.accountId}&secretKey=${ss.credentials.secretKey}`
}

export const onePageCrmAuth = (mocks: InterceptedVendors) => {
  const opc = mocks.onepagecrm
  if (opc === undefined) throw new Error('OnePageCRM is not running')
  return `Basic ${Buffer.from(`${opc.credentials.userId}:${opc.credentials.apiKey}`).toString('base64')}`
}

/** SharpSpring's uploadFiles form as its PHP example builds it: one file, then a part named like it. */
export function uploadFilesForm(mocks: InterceptedVendors, name: string, bytes: string): FormData {
  const ss = mocks.sharpspring
  if (ss === undefined) throw new Error('SharpSpring is not running')
  const form = new FormData()
  form.append('id', '1')
  form.append('objectType', 'lead')
  form.append('fieldSystemName', ss.demo.fileFields.lead)
  form.append('files[0]', new Blob([bytes], { type: 'text/plain' }), name)
  form.append(name, String(ss.demo.leadId))
  return form
}

/** A part of a multipart body: a field, or a file with its bytes. */
export type Part =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly filename: string; readonly type: string; readonly content: Buffer }

/** A request as application code writes it: the vendor's real URL, and a JSON or multipart body. */
export interface Call {
  readonly method: 'GET' | 'POST'
  readonly url: string
  readonly headers?: Record<string, string>
  readonly json?: unknown
  readonly multipart?: readonly Part[]
}

/** What came back, whichever client sent it. */
export interface Answer {
  readonly status: number
  readonly headers: Record<string, string>
  readonly bytes: Buffer
  readonly text: string
  // biome-ignore lint/suspicious/noExplicitAny: envelopes are checked field by field.
  json(): any
}

export const answer = (status: number, headers: Record<string, string>, bytes: Buffer): Answer => ({
  status,
  headers,
  bytes,
  text: bytes.toString('utf8'),
  json: () => JSON.parse(bytes.toString('utf8')),
})

/** The parts in a spec FormData, the body fetch, undici and axios build multipart from. */
export function formData<
  Form extends { append(name: string, value: string | Blob, filename?: string): void },
>(parts: readonly Part[], form: Form): Form {
  for (const part of parts)
    if ('value' in part) form.append(part.name, part.value)
    else form.append(part.name, new Blob([part.content], { type: part.type }), part.filename)
  return form
}

/**
 * The parts as a multipart body written by hand, chunk by chunk (files in 16 KiB pieces), as a client that
 * streams from disk sends it: no Content-Length, so node:http sends it chunked.
 */
export async function* multipartChunks(parts: readonly Part[], boundary: string): AsyncGenerator<Buffer> {
  for (const part of parts) {
    if ('value' in part) {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
      )
      continue
    }
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
        `Content-Type: ${part.type}\r\n\r\n`,
    )
    for (let at = 0; at < part.content.length; at += 16 * 1024)
      yield part.content.subarray(at, at + 16 * 1024)
    yield Buffer.from('\r\n')
  }
  yield Buffer.from(`--${boundary}--\r\n`)
}

/** A client style: how application code sends a call. */
export interface Client {
  readonly name: string
  send(call: Call): Promise<Answer>
}

const jsonHeaders = (call: Call) =>
  call.json === undefined ? call.headers : { 'content-type': 'application/json', ...call.headers }
const jsonBody = (call: Call) => (call.json === undefined ? undefined : JSON.stringify(call.json))
const flat = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]))

/** Node's global fetch (Node's own undici, its global dispatcher). */
export const fetchClient: Client = {
  name: 'fetch',
  async send(call) {
    const response = await fetch(call.url, {
      method: call.method,
      headers: jsonHeaders(call),
      body: call.multipart === undefined ? jsonBody(call) : formData(call.multipart, new FormData()),
    })
    return answer(
      response.status,
      Object.fromEntries(response.headers),
      Buffer.from(await response.arrayBuffer()),
    )
  },
}

/** undici's request() from npm, on its global dispatcher. */
export const undiciClient: Client = {
  name: 'undici.request',
  async send(call) {
    const response = await undiciRequest(call.url, {
      method: call.method,
      headers: jsonHeaders(call),
      // undici's own FormData: Node's global one belongs to the undici bundled in Node, another copy.
      body: call.multipart === undefined ? jsonBody(call) : formData(call.multipart, new UndiciFormData()),
    })
    return answer(response.statusCode, flat(response.headers), Buffer.from(await response.body.arrayBuffer()))
  },
}

/** node:https.request, a multipart body written by hand and streamed with backpressure. */
export const httpsClient: Client = {
  name: 'node:https',
  send(call) {
    const boundary = '----crmkitHandWritten7MA4YWxkTrZu0gW'
    const headers =
      call.multipart === undefined
        ? jsonHeaders(call)
        : { 'content-type': `multipart/form-data; boundary=${boundary}`, ...call.headers }
    return new Promise<Answer>((resolve, reject) => {
      const req = httpsRequest(call.url, { method: call.method, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => resolve(answer(res.statusCode ?? 0, flat(res.headers), Buffer.concat(chunks))))
      })
      req.on('error', reject)
      if (call.multipart === undefined) {
        req.end(jsonBody(call))
        return
      }
      const parts = call.multipart
      ;(async () => {
        for await (const chunk of multipartChunks(parts, boundary))
          if (!req.write(chunk)) await new Promise((drained) => req.once('drain', drained))
        req.end()
      })().catch(reject)
    })
  },
}

/** axios, node:http underneath. */
export const axiosClient: Client = {
  name: 'axios',
  async send(call) {
    const response = await axios.request<ArrayBuffer>({
      url: call.url,
      method: call.method,
      headers: call.headers,
      data: call.multipart === undefined ? call.json : formData(call.multipart, new FormData()),
      responseType: 'arraybuffer',
      validateStatus: () => true,
    })
    return answer(response.status, flat(response.headers), Buffer.from(response.data))
  },
}
