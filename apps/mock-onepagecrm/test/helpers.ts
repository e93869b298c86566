import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createManualClock, createSeededRandom, type ManualClock } from '@crmkit/mock-kit'
import {
  encodePolicy,
  type FormFieldEntry,
  formatCredential,
  signPolicy,
  toAmzDate,
} from '@crmkit/s3-post-policy'
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
  type RunningS3,
  type StartS3Options,
  startS3Emulator,
} from '../src/index.js'

export const BUCKET = DEFAULT_BUCKET
export const REGION = DEFAULT_REGION
export const ACCESS_KEY_ID = DEFAULT_ACCESS_KEY_ID
export const SECRET = DEFAULT_SECRET_ACCESS_KEY
export const T0 = new Date('2026-03-01T12:00:00Z')

export interface Harness {
  readonly s3: RunningS3
  readonly clock: ManualClock
  readonly bucketUrl: string
}

export async function startHarness(options: StartS3Options = {}): Promise<Harness> {
  const clock = createManualClock(T0)
  const s3 = await startS3Emulator({ clock, random: createSeededRandom(7), ...options })
  return { s3, clock, bucketUrl: `${s3.endpoint}/${BUCKET}` }
}

const SIGNING: FormFieldEntry[] = [
  ['x-amz-algorithm', 'AWS4-HMAC-SHA256'],
  ['x-amz-credential', formatCredential(ACCESS_KEY_ID, T0, REGION)],
  ['x-amz-date', toAmzDate(T0)],
]

/**
 * A signed form: `fields`, the signing fields, `policy` and `x-amz-signature`. `policy` is JSON text used
 * verbatim, or conditions to which the bucket-independent signing conditions are added.
 */
export async function signedForm(
  policy: string | readonly unknown[],
  fields: readonly FormFieldEntry[],
  options: { expiration?: string; secret?: string } = {},
): Promise<FormFieldEntry[]> {
  const json =
    typeof policy === 'string'
      ? policy
      : JSON.stringify({
          expiration: options.expiration ?? '2026-03-01T13:00:00Z',
          conditions: [...policy, ...SIGNING.map(([name, value]) => ({ [name]: value }))],
        })
  const encoded = encodePolicy(json)
  const signature = await signPolicy(encoded, {
    secretAccessKey: options.secret ?? SECRET,
    region: REGION,
    date: T0,
  })
  return [...fields, ...SIGNING, ['policy', encoded], ['x-amz-signature', signature]]
}

export function withField(
  fields: readonly FormFieldEntry[],
  name: string,
  value: string | undefined,
): FormFieldEntry[] {
  const rest = fields.filter(([n]) => n !== name)
  return value === undefined ? rest : [...rest, [name, value]]
}

export interface FilePart {
  readonly name?: string
  readonly content: string | Buffer
  /** `null`: no filename parameter at all. */
  readonly filename?: string | null
  readonly type?: string
}

export const BOUNDARY = '----crmkitTestBoundary7MA4YWxkTrZu0gW'

/** A multipart body in exactly the given order: fields, the file, then `after` fields. */
export function multipartBody(
  fields: readonly FormFieldEntry[],
  file?: FilePart,
  after: readonly FormFieldEntry[] = [],
): Buffer {
  const chunks: Buffer[] = []
  const field = ([name, value]: FormFieldEntry) =>
    chunks.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  fields.forEach(field)
  if (file !== undefined) {
    const filename = file.filename === null ? '' : `; filename="${file.filename ?? 'upload.txt'}"`
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"${filename}\r\nContent-Type: ${file.type ?? 'text/plain'}\r\n\r\n`,
      ),
    )
    chunks.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content))
    chunks.push(Buffer.from('\r\n'))
  }
  after.forEach(field)
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`))
  return Buffer.concat(chunks)
}

export interface PostAnswer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
}

export async function post(
  url: string,
  body: Buffer | string,
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
): Promise<PostAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'Content-Type': contentType },
    redirect: 'manual',
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

export interface ErrorXml {
  readonly code: string
  readonly message: string
  /** The elements between Message and RequestId, in order. */
  readonly details: Array<[string, string]>
  readonly requestId: string
  readonly hostId: string
}

/** Reads S3's `<Error>` document strictly: declaration, no namespace, Code, Message, extras, RequestId, HostId. */
export function parseErrorXml(text: string): ErrorXml {
  const match =
    /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>([^<]*)<\/Code><Message>([^<]*)<\/Message>(.*)<RequestId>([0-9A-F]{16})<\/RequestId><HostId>([^<]+)<\/HostId><\/Error>$/s.exec(
      text,
    )
  if (!match) throw new Error(`not an S3 error document: ${text}`)
  const [, code = '', message = '', extras = '', requestId = '', hostId = ''] = match
  const details = [...extras.matchAll(/<([A-Za-z0-9-]+)>([^<]*)<\/\1>/g)].map(
    ([, name = '', value = '']): [string, string] => [name, unescapeXml(value)],
  )
  return { code, message: unescapeXml(message), details, requestId, hostId }
}

const unescapeXml = (text: string) =>
  text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')

/** Files under the store's temporary directory: must be none once a request is over. */
export function tempFiles(harness: Harness): string[] {
  return readdirSync(join(harness.s3.storageDir, 'tmp'))
}
