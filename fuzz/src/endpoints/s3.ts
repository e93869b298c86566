import { createPresignedPost } from '@crmkit/s3-post-policy'
import { answerOf, isNodeBadRequest, isRecord, s3DiskSettled, show, violation } from '../checks.js'
import { compactJson, escapeBytes } from '../dump.js'
import { fieldPart, filePart, type Part } from '../multipart.js'
import { SPECIAL_NAMES } from '../multipart-mutations.js'
import { header, type RawOutcome, type RawResponse } from '../raw-http.js'
import type { DiskBefore, Endpoint, FuzzContext, Settings, Violation } from '../runner.js'
import { getObject, md5Hex, unescapeXml } from '../s3-client.js'
import {
  boundaryFor,
  buildUpload,
  extraValue,
  fileBytes,
  multipartBody,
  type PreparedUpload,
  shrinkUploadCase,
  type UploadCase,
  uploadCaseArbitrary,
} from '../upload-case.js'
import { api } from './onepagecrm.js'

/** The largest file the fuzz forms allow (`content-length-range`), so EntityTooLarge is cheap to reach. */
export const S3_FORM_MAX_BYTES = 1024 * 1024

const STATUSES = ['201', '204', '200', undefined, 'redirect'] as const
const KEY_SUFFIXES = [
  ...SPECIAL_NAMES,
  'a//b',
  'dir/',
  '${filename}.bak',
  'x'.repeat(1100),
  '%2e%2e/x',
  '🙂/${filename}',
]
/** Whole keys, under a policy that lets any key through (`starts-with $key ""`). */
const WHOLE_KEYS = [
  '',
  '.',
  '..',
  '/',
  './',
  '../x',
  'a/./b',
  'a/../b',
  ' ',
  '%',
  '\0',
  '\r\n',
  '//',
  '?',
  '#',
  '${filename}',
]
const BUCKETS = ['nope', 'ONEPAGECRM-UP-EU-CENTRAL-1', '', '..', '%2e', 'a'.repeat(300)]
const AUTH = ['bad-signature', 'unknown-key', 'expired', 'other-region', 'no-policy', 'no-signature'] as const

interface PreparedS3 extends PreparedUpload {
  readonly expectedStatus: number
  readonly origin: boolean
  /** The key field as sent (before `${filename}` substitution), when it can be told. */
  readonly keyField: string | undefined
  /** The key is not unique to the case: a success may replace an earlier object rather than add one. */
  readonly mayReplace: boolean
}

/** `POST /<bucket>`: the S3 emulator's browser upload with a SigV4 POST policy. */
export const s3PostObject: Endpoint<UploadCase, PreparedS3> = {
  id: 's3.post-object',
  label: 'S3 POST /<bucket> (browser upload)',
  kind: 'upload',
  service: 's3',
  arbitrary: (settings: Settings) =>
    uploadCaseArbitrary(settings, ['key', 'whole-key', 'bucket', 'auth', 'filename']),
  shrink: shrinkUploadCase,

  async prepare(ctx: FuzzContext, input: UploadCase, index: number): Promise<PreparedS3> {
    const s3 = ctx.proc.info.s3
    const filename = extraValue(input, 'filename', SPECIAL_NAMES) ?? `report-${index}.bin`
    const auth = extraValue(input, 'auth', AUTH)
    const keySuffix = extraValue(input, 'key', KEY_SUFFIXES)
    const wholeKey = extraValue(input, 'whole-key', WHOLE_KEYS)
    const content = fileBytes(input.fileSeed, input.fileSize)
    // A third of the cases start from the form OnePageCRM's s3_form gives out, the rest from one built here.
    const form =
      Math.floor(input.base / 7) % 3 === 0 && wholeKey === undefined
        ? await onePageCrmForm(ctx, input, index, { filename, auth, keySuffix })
        : await ownForm(ctx, input, index, { filename, auth, keySuffix, wholeKey })
    const parts = [...form.parts, filePart('file', 'file', filename, content, 'application/octet-stream')]
    if ((input.base >> 6) % 4 === 0)
      parts.push(fieldPart('after', 'x-ignored-after-file', 'S3 ignores fields after the file'))
    const slash = (input.base >> 8) % 2 === 1
    const keyField = form.keyField
    const expectedStatus = form.expectedStatus
    const bucket = extraValue(input, 'bucket', BUCKETS) ?? s3.bucket
    const port = ctx.port('s3')
    const prepared = buildUpload({
      input,
      service: 's3',
      port,
      target: `/${bucket}${slash ? '/' : ''}`,
      body: multipartBody(boundaryFor(input.fileSeed), parts),
      headers: input.origin ? [['Origin', 'http://app.example.test']] : [],
      extrasDescription:
        input.extras.length === 0 ? '' : compactJson({ auth, bucket, keyField, filename, wholeKey }),
    })
    return {
      ...prepared,
      pristine: prepared.pristine && input.fileSize <= form.maxBytes,
      expectedStatus,
      origin: input.origin,
      keyField,
      mayReplace: wholeKey !== undefined,
    }
  },

  async check(
    ctx: FuzzContext,
    prepared: PreparedS3,
    outcome: RawOutcome,
    before: DiskBefore,
  ): Promise<Violation[]> {
    const found: Violation[] = []
    const response = answerOf(outcome)
    const success =
      response !== undefined && ((response.status >= 200 && response.status < 300) || response.status === 303)
    if (response !== undefined) found.push(...s3Format(response, prepared))
    if (prepared.pristine && !success)
      found.push(
        violation(
          'refused-valid',
          'a valid upload was not stored',
          response === undefined ? `no answer (${outcome.kind})` : show(response),
        ),
      )
    // Stored objects: one more exactly when the answer says so; each record has its blob.
    const unknown = response === undefined && prepared.mayHaveSucceeded
    const expected = before.s3.objects + (success ? 1 : 0)
    const disk = await s3DiskSettled(ctx.dataDir, expected, 300)
    if (disk.objects > expected && !unknown)
      found.push(
        violation(
          'partial-object',
          success
            ? 'more objects than answers'
            : 'an object was stored for a request not answered as a success',
          `objects ${before.s3.objects} → ${disk.objects} after ${response === undefined ? 'no answer' : `HTTP ${response.status}`}`,
        ),
      )
    if (disk.objects < expected && !(prepared.mayReplace && disk.objects === expected - 1))
      found.push(
        violation(
          'lost-object',
          'a success answer without a stored object',
          `objects ${before.s3.objects} → ${disk.objects} after HTTP ${response?.status}`,
        ),
      )
    if (disk.blobs !== disk.objects)
      found.push(
        violation(
          'partial-object',
          'blobs and object records differ',
          `${disk.blobs} blobs for ${disk.objects} records`,
        ),
      )
    if (success && response !== undefined) found.push(...(await readBack(ctx, prepared, response)))
    return found
  },
}

interface Form {
  readonly parts: Part[]
  readonly keyField: string
  readonly expectedStatus: number
  /** The largest file the form's policy accepts. */
  readonly maxBytes: number
}

interface FormChoices {
  readonly filename: string
  readonly auth: (typeof AUTH)[number] | undefined
  readonly keySuffix: string | undefined
  /** A whole key (no per-case prefix), signed with a policy that accepts any key. */
  readonly wholeKey?: string | undefined
}

/** A form signed here with createPresignedPost: a key prefix, a status or redirect, optional fields. */
async function ownForm(
  ctx: FuzzContext,
  input: UploadCase,
  index: number,
  choices: FormChoices,
): Promise<Form> {
  const s3 = ctx.proc.info.s3
  const { auth, filename, keySuffix } = choices
  const status = STATUSES[input.base % STATUSES.length]
  const literalKey = (input.base >> 3) % 2 === 1
  const contentTypeField = (input.base >> 4) % 2 === 1
  const metaField = (input.base >> 5) % 2 === 1
  const prefix = choices.wholeKey === undefined ? `fuzz/${ctx.tag}-${index}-${input.fileSeed % 1000}/` : ''
  const now = auth === 'expired' ? new Date(Date.now() - 2 * 3600_000) : new Date()
  const fields: Record<string, string> = {}
  if (status === 'redirect') fields.success_action_redirect = `http://127.0.0.1:9/uploaded?case=${index}`
  else if (status !== undefined) fields.success_action_status = status
  const post = await createPresignedPost({
    bucket: s3.bucket,
    key: `${prefix}\${filename}`,
    region: auth === 'other-region' ? 'us-west-2' : s3.region,
    credentials:
      auth === 'unknown-key'
        ? { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: s3.credentials.secretAccessKey }
        : auth === 'bad-signature'
          ? { accessKeyId: s3.credentials.accessKeyId, secretAccessKey: `${s3.credentials.secretAccessKey}x` }
          : s3.credentials,
    now,
    expiresIn: auth === 'expired' ? 60 : 3600,
    // S3 wants every condition's field in the form: only the fields the form has.
    conditions: [
      ['content-length-range', 0, S3_FORM_MAX_BYTES],
      ...(contentTypeField ? [['starts-with', '$Content-Type', ''] as const] : []),
      ...(metaField ? [['starts-with', '$x-amz-meta-note', ''] as const] : []),
    ],
    fields,
  })
  const keyField =
    keySuffix !== undefined
      ? `${prefix}${keySuffix}`
      : literalKey
        ? `${prefix}${filename}`
        : `${prefix}\${filename}`
  const parts: Part[] = []
  for (const [name, value] of Object.entries(post.fields)) {
    if (auth === 'no-policy' && name === 'policy') continue
    if (auth === 'no-signature' && name === 'x-amz-signature') continue
    parts.push(fieldPart(name, name, name === 'key' ? keyField : value))
  }
  if (contentTypeField) parts.push(fieldPart('Content-Type', 'Content-Type', 'text/plain; charset=utf-8'))
  if (metaField) parts.push(fieldPart('x-amz-meta-note', 'x-amz-meta-note', `case ${index}`))
  const expectedStatus = status === '201' ? 201 : status === '200' ? 200 : status === 'redirect' ? 303 : 204
  return { parts, keyField, expectedStatus, maxBytes: S3_FORM_MAX_BYTES }
}

/**
 * The form of OnePageCRM's `GET /attachments/s3_form` (step one of its attachment flow), as its upload
 * tutorial fills it: the key `<contact_id>/<timestamp>/<filename>`, a `filename` field, 201 on success.
 */
async function onePageCrmForm(
  ctx: FuzzContext,
  input: UploadCase,
  index: number,
  choices: FormChoices,
): Promise<Form> {
  const { auth, filename, keySuffix } = choices
  const contactId = ctx.proc.info.onepagecrm.demo.contactId
  const form = await ctx.fixture('s3.onepagecrm-form', async () => {
    const { response, json } = await api(ctx, 'GET', `/attachments/s3_form.json?contact_id=${contactId}`)
    const data = isRecord(json?.data) ? json.data : undefined
    if (!isRecord(data?.fields)) throw new Error(`s3_form refused: ${show(response)}`)
    return data as { fields: Record<string, string | number>; storage_left: number }
  })
  const timestamp = `${Date.now()}${index}`
  const keyField =
    keySuffix !== undefined
      ? // Unique per case, so that no upload replaces another's object.
        `${contactId}/${timestamp}/${keySuffix}`
      : (input.base >> 3) % 2 === 1
        ? `${contactId}/${timestamp}/${filename}`
        : `${contactId}/${timestamp}/\${filename}`
  const parts: Part[] = []
  for (const [name, raw] of Object.entries(form.fields)) {
    let value = name === 'key' ? keyField : String(raw)
    if (auth === 'no-policy' && name === 'policy') continue
    if (auth === 'no-signature' && name === 'x-amz-signature') continue
    if (auth === 'bad-signature' && name === 'x-amz-signature')
      value = `${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}`
    if (
      (auth === 'unknown-key' || auth === 'other-region' || auth === 'expired') &&
      name === 'x-amz-credential'
    )
      value = value
        .replace('eu-central-1', 'us-west-2')
        .replace(/^[A-Z0-9]+/, auth === 'unknown-key' ? 'AKIAUNKNOWNUNKNOWN00' : '$&')
    parts.push(fieldPart(name, name, value))
  }
  parts.push(fieldPart('filename', 'filename', filename))
  return { parts, keyField, expectedStatus: 201, maxBytes: Math.min(10 * 1024 * 1024, form.storage_left) }
}

const ERROR_XML =
  /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>[A-Za-z]+<\/Code><Message>[^<]*<\/Message>(?:<[A-Za-z]+>[^<]*<\/[A-Za-z]+>)*<RequestId>[0-9A-F]{16}<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/s
const POST_RESPONSE =
  /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<PostResponse><Location>([^<]*)<\/Location><Bucket>([^<]*)<\/Bucket><Key>([^<]*)<\/Key><ETag>("[0-9a-f]{32}")<\/ETag><\/PostResponse>$/s

/** S3's answers: the XML error document, or one of the success forms; CORS headers for a request with Origin. */
function s3Format(response: RawResponse, prepared: PreparedS3): Violation[] {
  const found: Violation[] = []
  if (prepared.framingBroken && isNodeBadRequest(response)) return found
  const fail = (key: string) => found.push(violation('format', key, show(response)))
  if (response.status >= 400 && response.body.length === 0) {
    // One class, rather than one per missing header.
    fail(`bare ${response.status} with no body (no <Error> document, no x-amz-request-id)`)
    return found
  }
  if (header(response, 'x-amz-request-id') === undefined || header(response, 'x-amz-id-2') === undefined)
    fail('no x-amz-request-id / x-amz-id-2 header')
  if (prepared.origin && header(response, 'access-control-allow-origin') !== '*')
    fail('no Access-Control-Allow-Origin on an answer to a request with Origin')
  const status = response.status
  if (status >= 300 && status !== 303) {
    if (!/^application\/xml/.test(header(response, 'content-type') ?? ''))
      fail(`error ${status} is not application/xml`)
    else if (!ERROR_XML.test(response.body.toString('utf8')))
      fail(`error ${status} is not S3's <Error> document`)
    return found
  }
  if (status !== prepared.expectedStatus)
    fail(`success ${status} where the form's success_action_* asks for ${prepared.expectedStatus}`)
  if (!/^"[0-9a-f]{32}"$/.test(header(response, 'etag') ?? ''))
    fail('success without a quoted MD5 ETag header')
  if (status === 201 && !POST_RESPONSE.test(response.body.toString('utf8')))
    fail('201 without a <PostResponse> document')
  if ((status === 204 || status === 200) && response.body.length > 0) fail(`${status} with a body`)
  if (status === 303 && header(response, 'location') === undefined) fail('303 without Location')
  return found
}

/** The key an answer names: `<Key>` of a 201, the Location of a 204/200, the `key` query of a 303. */
export function answeredKey(response: RawResponse, bucket: string): string | undefined {
  if (response.status === 201) {
    const match = POST_RESPONSE.exec(response.body.toString('utf8'))
    return match === null ? undefined : unescapeXml(match[3] as string)
  }
  const location = header(response, 'location')
  if (location === undefined) return undefined
  try {
    const url = new URL(location)
    if (response.status === 303) return url.searchParams.get('key') ?? undefined
    const raw = location.slice(location.indexOf(`/${bucket}/`) + bucket.length + 2)
    return decodeURIComponent(raw)
  } catch {
    return undefined
  }
}

async function readBack(ctx: FuzzContext, prepared: PreparedS3, response: RawResponse): Promise<Violation[]> {
  const s3 = ctx.proc.info.s3
  const key = answeredKey(response, s3.bucket)
  if (key === undefined) return [violation('readback', 'the success answer names no key', show(response))]
  let got: RawResponse
  try {
    got = await getObject(s3, key)
  } catch (error) {
    return [
      violation(
        'readback',
        'GET of a stored key failed',
        `${JSON.stringify(key)}: ${(error as Error).message}`,
      ),
    ]
  }
  if (got.status !== 200)
    return [
      violation(
        'readback',
        `GET of a stored key answers ${got.status}`,
        `key ${escapeBytes(Buffer.from(key), 120)}: ${show(got)}`,
      ),
    ]
  const etag = (header(response, 'etag') ?? '').replaceAll('"', '')
  if (md5Hex(got.body) !== etag)
    return [
      violation(
        'readback',
        'the bytes read back do not match the ETag',
        `key ${JSON.stringify(key)}: ${got.body.length} bytes, md5 ${md5Hex(got.body)}, ETag ${etag}`,
      ),
    ]
  // The first part named `file` is the object, whatever its headers (S3 ignores what follows it).
  const file = prepared.parts.find((part) => part.name?.toLowerCase() === 'file')
  if (file?.isFile === true && file.intact && !file.bytes.equals(got.body))
    return [
      violation(
        'readback',
        'the bytes read back differ from the file sent',
        `key ${JSON.stringify(key)}: sent ${file.bytes.length} bytes, read ${got.body.length}`,
      ),
    ]
  return []
}
