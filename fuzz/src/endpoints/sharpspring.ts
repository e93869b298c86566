import {
  answerOf,
  isNodeBadRequest,
  isRecord,
  parseJson,
  sameKeys,
  sharpSpringFilesSettled,
  show,
  violation,
} from '../checks.js'
import { readState } from '../data-dir.js'
import { compactJson, escapeBytes } from '../dump.js'
import type { ReadyInfo } from '../mocks-process.js'
import { fieldPart, filePart, type Part } from '../multipart.js'
import { header, type RawOutcome, type RawResponse, simpleRequest } from '../raw-http.js'
import type { DiskBefore, Endpoint, FuzzContext, Settings, Violation } from '../runner.js'
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

type SharpSpringInfo = ReadyInfo['sharpspring']

/** `--max-file-mib 1` (MOCK_ARGS): larger files are refused, object by object. */
export const SHARPSPRING_MAX_FILE_BYTES = 1024 * 1024

/** `?accountID=…&secretKey=…`, or a broken variant of it. */
export function credentialsQuery(ss: SharpSpringInfo, variant: string | undefined): string {
  const { accountId, secretKey } = ss.credentials
  switch (variant) {
    case 'missing':
      return ''
    case 'no-secret':
      return `?accountID=${accountId}`
    case 'wrong-secret':
      return `?accountID=${accountId}&secretKey=${secretKey.slice(0, -1)}0`
    case 'empty':
      return '?accountID=&secretKey='
    case 'duplicated':
      return `?accountID=${accountId}&secretKey=${secretKey}&secretKey=other`
    case 'encoded':
      return `?accountID=${encodeURIComponent(accountId)}&secret%4Bey=${secretKey}`
    default:
      return `?accountID=${accountId}&secretKey=${secretKey}`
  }
}

export const AUTH_VARIANTS = [
  'missing',
  'no-secret',
  'wrong-secret',
  'empty',
  'duplicated',
  'encoded',
] as const
export const VERSIONS = ['v1', 'v1.2', 'v2', 'V1', 'v1.', 'v1.2.0'] as const

/**
 * The SharpSpring envelope `{result, error, id}` (`{hasMore, result, error, id}` for the paged reads);
 * `unknownVersion` answers 404 with error code 204.
 */
export function sharpSpringFormat(
  response: RawResponse,
  options: { unknownVersion: boolean; framingBroken: boolean },
): {
  violations: Violation[]
  envelope: { result: unknown; error: unknown; id: unknown } | undefined
} {
  const found: Violation[] = []
  if (options.framingBroken && isNodeBadRequest(response)) return { violations: found, envelope: undefined }
  const fail = (key: string) => found.push(violation('format', key, show(response)))
  if (response.body.length === 0) {
    fail(`bare ${response.status} with no body (no {result, error, id} envelope)`)
    return { violations: found, envelope: undefined }
  }
  if (!/^application\/json/.test(header(response, 'content-type') ?? ''))
    fail('answer is not application/json')
  const parsed = parseJson(response)
  // The paged reads (`getAll…`, `getWhere…` result keys) also say `hasMore`, beside `result` and inside it.
  const paged = parsed.ok && isRecord(parsed.value) && 'hasMore' in parsed.value
  const keys = paged ? ['hasMore', 'result', 'error', 'id'] : ['result', 'error', 'id']
  if (!parsed.ok || !isRecord(parsed.value) || !sameKeys(parsed.value, keys)) {
    fail('answer is not the {result, error, id} envelope')
    return { violations: found, envelope: undefined }
  }
  const envelope = parsed.value as { hasMore?: unknown; result: unknown; error: unknown; id: unknown }
  if (
    envelope.hasMore !== undefined &&
    (typeof envelope.hasMore !== 'boolean' ||
      !isRecord(envelope.result) ||
      envelope.result.hasMore !== envelope.hasMore ||
      !Array.isArray(envelope.error))
  )
    fail('hasMore is not a boolean repeated in the result, with error []')
  const error = envelope.error
  const validError = (value: unknown) =>
    isRecord(value) && typeof value.code === 'number' && typeof value.message === 'string'
  if (!(error === null || (Array.isArray(error) && error.every(validError)) || validError(error)))
    fail('envelope error is not null, an error object or a list of them')
  if (options.unknownVersion) {
    if (response.status !== 404 || !isRecord(error) || error.code !== 204)
      fail('an unknown version is not 404 with error 204')
  } else if (response.status !== 200 && response.status < 500) {
    // (A 5xx is reported as such.)
    fail(`HTTP ${response.status} for a known version (only an unknown version may be non-200)`)
  }
  if (envelope.result === null && error === null) fail('envelope with neither result nor error')
  return { violations: found, envelope }
}

/** GETs a file URL the service gave out, on the service's current port. */
export async function fetchServedFile(ctx: FuzzContext, url: string): Promise<RawResponse | string> {
  let path: string
  try {
    const parsed = new URL(url)
    path = `${parsed.pathname}${parsed.search}`
    if (!parsed.pathname.startsWith('/files/')) return `not a /files/ URL: ${url}`
  } catch {
    return `not a URL: ${JSON.stringify(url)}`
  }
  try {
    return await simpleRequest(ctx.port('sharpspring'), 'GET', path)
  } catch (error) {
    return (error as Error).message
  }
}

function fileFieldFor(ss: SharpSpringInfo, type: 'lead' | 'account' | 'opportunity'): string {
  return ss.demo.fileFields[type]
}

const OBJECT_TYPES = ['lead', 'account', 'opportunity'] as const
const OBJECT_TYPE_VALUES = ['product', 'LEAD', '', ' lead', 'leads', 'lead\0'] as const
const OBJECT_ID_VALUES = [
  '0',
  '-1',
  '1e3',
  ' 642265524 ',
  '99999999999999999999',
  'abc',
  '',
  '642265524.0',
  '0x10',
  '٣',
] as const
const FIELD_VALUES = ['Documents_unknown', '', 'emailAddress', 'other-type'] as const

interface PreparedSharpSpringUpload extends PreparedUpload {
  readonly unknownVersion: boolean
}

/** What the basename of a filename is, as the mock (PHP's basename) takes it. */
const basename = (filename: string | undefined) => (filename ?? '').split(/[/\\]/).pop() ?? ''

/** `POST /pubapi/v1/uploadFiles`: files for a File Upload field of leads, accounts or opportunities. */
export const sharpSpringUploadFiles: Endpoint<UploadCase, PreparedSharpSpringUpload> = {
  id: 'sharpspring.upload-files',
  label: 'SharpSpring POST /pubapi/v1/uploadFiles',
  kind: 'upload',
  service: 'sharpspring',
  arbitrary: (settings: Settings) =>
    uploadCaseArbitrary(settings, [
      'auth',
      'version',
      'objectType',
      'fieldSystemName',
      'objectId',
      'filename',
    ]),
  shrink: shrinkUploadCase,

  async prepare(ctx: FuzzContext, input: UploadCase, index: number): Promise<PreparedSharpSpringUpload> {
    const ss = ctx.proc.info.sharpspring
    const type = OBJECT_TYPES[input.base % OBJECT_TYPES.length] as (typeof OBJECT_TYPES)[number]
    const objectId = { lead: ss.demo.leadId, account: ss.demo.accountId, opportunity: ss.demo.opportunityId }[
      type
    ]
    const idsFirst = (input.base >> 2) % 3 === 0
    const phpNames = (input.base >> 4) % 2 === 1
    const requestId = (input.base >> 5) % 2 === 1 ? String(1000 + index) : `req-${index}`
    const objectTypeValue = extraValue(input, 'objectType', OBJECT_TYPE_VALUES) ?? type
    const fieldChoice = extraValue(input, 'fieldSystemName', FIELD_VALUES)
    const fieldSystemName =
      fieldChoice === undefined
        ? fileFieldFor(ss, type)
        : fieldChoice === 'other-type'
          ? fileFieldFor(ss, type === 'lead' ? 'account' : 'lead')
          : fieldChoice
    const idValue = extraValue(input, 'objectId', OBJECT_ID_VALUES) ?? String(objectId)
    const customName = extraValue(input, 'filename', [
      '.',
      '..',
      'a\0b.pdf',
      '%',
      '%2e%2e',
      `${'n'.repeat(300)}.pdf`,
      'x\r\ny.pdf',
      'ü.pdf',
      '',
      'dir/../up.pdf',
    ])
    const files: Part[] = []
    const ids: Part[] = []
    for (let i = 0; i < input.files; i++) {
      const filename = customName !== undefined && i === 0 ? customName : `doc-${index}-${i}.pdf`
      files.push(
        filePart(
          `files[${i}]`,
          `files[${i}]`,
          filename,
          fileBytes(input.fileSeed + i, input.fileSize),
          'application/pdf',
        ),
      )
      const idName = phpNames ? filename.replace(/[. ]/g, '_') : filename
      ids.push(fieldPart('object-id', idName, idValue))
    }
    const head = [
      fieldPart('id', 'id', requestId),
      fieldPart('objectType', 'objectType', objectTypeValue),
      fieldPart('fieldSystemName', 'fieldSystemName', fieldSystemName),
    ]
    const parts = idsFirst ? [...head, ...ids, ...files] : [...head, ...files, ...ids]
    const version = extraValue(input, 'version', VERSIONS) ?? 'v1'
    const auth = extraValue(input, 'auth', AUTH_VARIANTS)
    const prepared = buildUpload({
      input,
      service: 'sharpspring',
      port: ctx.port('sharpspring'),
      target: `/pubapi/${version}/uploadFiles${credentialsQuery(ss, auth)}`,
      body: multipartBody(boundaryFor(input.fileSeed), parts),
      extrasDescription:
        input.extras.length === 0
          ? ''
          : compactJson({
              auth,
              version,
              objectType: objectTypeValue,
              fieldSystemName,
              objectId: idValue,
              filename: customName,
            }),
    })
    return {
      ...prepared,
      pristine: prepared.pristine && input.fileSize <= SHARPSPRING_MAX_FILE_BYTES,
      unknownVersion: version !== 'v1' && version !== 'v1.2',
    }
  },

  async check(ctx, prepared, outcome, before) {
    return checkUpload(ctx, prepared, outcome, before, 'uploads')
  },
}

/** `POST /pubapi/v1/uploadProductImage`: a product's image (PNG, JPEG, GIF or WebP). */
export const sharpSpringUploadProductImage: Endpoint<UploadCase, PreparedSharpSpringUpload> = {
  id: 'sharpspring.upload-product-image',
  label: 'SharpSpring POST /pubapi/v1/uploadProductImage',
  kind: 'upload',
  service: 'sharpspring',
  arbitrary: (settings: Settings) =>
    uploadCaseArbitrary(settings, ['auth', 'version', 'productID', 'filename', 'image']),
  shrink: shrinkUploadCase,

  async prepare(ctx, input, index) {
    const ss = ctx.proc.info.sharpspring
    const productId = extraValue(input, 'productID', OBJECT_ID_VALUES) ?? String(ss.demo.productId)
    const filename =
      extraValue(input, 'filename', [
        '.',
        '..',
        'a\0b.png',
        '%',
        '',
        'x/../y.png',
        `${'p'.repeat(300)}.png`,
      ]) ?? `image-${index}.png`
    const signatures = [
      Buffer.from('89504e470d0a1a0a', 'hex'),
      Buffer.from('ffd8ffe0', 'hex'),
      Buffer.from('GIF89a'),
      Buffer.from('RIFF\0\0\0\0WEBP'),
    ]
    const image = extraValue(input, 'image', ['text', 'empty-signature'])
    const signature =
      image === 'text'
        ? Buffer.from('plain text, no image')
        : image === 'empty-signature'
          ? Buffer.alloc(0)
          : signatures[input.base % signatures.length]
    const content = fileBytes(input.fileSeed, Math.max(input.fileSize, signature?.length ?? 0), signature)
    const parts = [
      fieldPart('id', 'id', `img-${index}`),
      fieldPart('productID', 'productID', productId),
      filePart('productImage', 'productImage', filename, content, 'image/png'),
    ]
    if ((input.base >> 3) % 3 === 0) parts.reverse()
    const version = extraValue(input, 'version', VERSIONS) ?? ((input.base >> 5) % 2 === 0 ? 'v1' : 'v1.2')
    const auth = extraValue(input, 'auth', AUTH_VARIANTS)
    const prepared = buildUpload({
      input,
      service: 'sharpspring',
      port: ctx.port('sharpspring'),
      target: `/pubapi/${version}/uploadProductImage${credentialsQuery(ss, auth)}`,
      body: multipartBody(boundaryFor(input.fileSeed), parts),
      extrasDescription:
        input.extras.length === 0 ? '' : compactJson({ auth, version, productId, filename, image }),
    })
    return {
      ...prepared,
      pristine: prepared.pristine && content.length <= SHARPSPRING_MAX_FILE_BYTES,
      unknownVersion: version !== 'v1' && version !== 'v1.2',
    }
  },

  async check(ctx, prepared, outcome, before) {
    return checkUpload(ctx, prepared, outcome, before, 'image')
  },
}

async function checkUpload(
  ctx: FuzzContext,
  prepared: PreparedSharpSpringUpload,
  outcome: RawOutcome,
  before: DiskBefore,
  kind: 'uploads' | 'image',
): Promise<Violation[]> {
  const found: Violation[] = []
  const response = answerOf(outcome)
  // The URLs the answer says it stored a file at.
  const stored: Array<{ url: string; fileName: string | undefined }> = []
  // Whether the answer refused the whole call (no answer: nothing to tell).
  let refused = false
  if (response !== undefined) {
    const { violations, envelope } = sharpSpringFormat(response, {
      unknownVersion: prepared.unknownVersion,
      framingBroken: prepared.framingBroken,
    })
    found.push(...violations)
    if (envelope !== undefined && envelope.result === null) refused = true
    if (envelope !== undefined && envelope.result !== null) {
      const result = envelope.result
      if (kind === 'uploads') {
        const uploads = isRecord(result) ? result.uploads : undefined
        if (!Array.isArray(uploads))
          found.push(violation('format', 'uploadFiles result has no uploads list', show(response)))
        else
          for (const item of uploads) {
            if (
              !isRecord(item) ||
              typeof item.success !== 'boolean' ||
              !('error' in item) ||
              typeof item.fileName !== 'string'
            ) {
              found.push(
                violation('format', 'an uploads item is not {success, error, fileName…}', show(response)),
              )
              continue
            }
            if (item.success) {
              if (typeof item.url !== 'string')
                found.push(violation('format', 'a successful upload without url', show(response)))
              else stored.push({ url: item.url, fileName: item.fileName })
            }
          }
      } else if (isRecord(result) && result.success === true) {
        if (typeof result.imageURL !== 'string')
          found.push(violation('format', 'a stored product image without imageURL', show(response)))
        else stored.push({ url: result.imageURL, fileName: undefined })
      } else
        found.push(
          violation('format', 'uploadProductImage result is not {success: true, imageURL…}', show(response)),
        )
    }
  }
  if (prepared.pristine && stored.length !== prepared.files.length)
    found.push(
      violation(
        'refused-valid',
        'a valid upload was not stored',
        response === undefined ? `no answer (${outcome.kind})` : show(response),
      ),
    )
  // Files on disk: exactly one more per URL answered.
  const expected = before.sharpSpringFiles.size + stored.length
  const after = await sharpSpringFilesSettled(ctx.dataDir, expected, 300)
  const unknown = response === undefined && prepared.mayHaveSucceeded
  if (after.length > expected && !unknown) {
    const extra = after.filter((path) => !before.sharpSpringFiles.has(path))
    found.push(
      violation(
        'partial-object',
        stored.length === 0
          ? 'a file was kept for a request not answered as a success'
          : 'more files kept than answered',
        `files/ gained ${after.length - before.sharpSpringFiles.size} for ${stored.length} answered (${extra
          .slice(0, 3)
          .map((p) => escapeBytes(Buffer.from(p), 100))
          .join(', ')}) after ${response === undefined ? 'no answer' : `HTTP ${response.status}`}`,
      ),
    )
  } else if (after.length < expected)
    found.push(
      violation(
        'lost-object',
        'a success answer without its kept file',
        `files/ gained ${after.length - before.sharpSpringFiles.size} for ${stored.length} answered`,
      ),
    )
  if (refused && readState(ctx.dataDir, 'sharpspring') !== before.state.sharpspring)
    found.push(violation('state-changed', 'a refused upload changed the records', prepared.description))
  // Every stored file reads back, byte for byte when its bytes reached the server unchanged.
  for (const { url, fileName } of stored) {
    const got = await fetchServedFile(ctx, url)
    if (typeof got === 'string') {
      found.push(violation('readback', 'a stored file URL cannot be fetched', got))
      continue
    }
    if (got.status !== 200) {
      found.push(
        violation(
          'readback',
          `GET of a stored file's URL answers ${got.status}`,
          `${escapeBytes(Buffer.from(url), 200)}: ${show(got)}`,
        ),
      )
      continue
    }
    const sent =
      kind === 'image'
        ? prepared.files.filter((file) => file.name === 'productImage')
        : prepared.files.filter((file) => basename(file.filename) === fileName)
    const file = sent[0]
    if (sent.length === 1 && file !== undefined && file.intact && !file.bytes.equals(got.body))
      found.push(
        violation(
          'readback',
          'the bytes read back differ from the file sent',
          `${escapeBytes(Buffer.from(url), 200)}: sent ${file.bytes.length} bytes, read ${got.body.length}`,
        ),
      )
  }
  return found
}
