import { randomUUID } from 'node:crypto'
import { sharpspring } from '@crmkit/schemas'
import { z } from 'zod'
import {
  type CallOptions,
  type CommonClientOptions,
  normalizeBaseUrl,
  normalizeCommon,
  requireText,
  type UploadCallOptions,
} from '../client-options.js'
import { InvalidOptionsError } from '../errors/usage-errors.js'
import { exchange } from '../exchange.js'
import { openFile, type UploadFile } from '../file-source.js'
import type { BodyPart } from '../multipart-body.js'
import { uploadBody } from '../upload-body.js'
import { decodeEnvelope } from './decode-envelope.js'

export interface SharpSpringClientOptions extends CommonClientOptions {
  /** The account's API id (Settings → API Settings). */
  readonly accountId: string
  /** Its secret key; sent in the query string as SharpSpring requires, and redacted from every error. */
  readonly secretKey: string
  /** Default `https://api.sharpspring.com/pubapi`; a mock's `info.api` to test. */
  readonly baseUrl?: string
  /** `v1` (times in the company's time zone) or `v1.2` (UTC). Default `v1.2`. */
  readonly apiVersion?: 'v1' | 'v1.2'
  /** Makes the JSON-RPC `id` of each call. Default a random UUID. */
  readonly requestId?: () => string
}

export type SharpSpringObjectType = 'lead' | 'account' | 'opportunity'

export interface UploadFilesInput {
  readonly objectType: SharpSpringObjectType
  /** The systemName of a File Upload custom field of that object type. */
  readonly fieldSystemName: string
  /** Each file and the id of the object it goes to; filenames must be unique in one call. */
  readonly files: ReadonlyArray<{ readonly objectId: number | string; readonly file: UploadFile }>
}

export interface UploadProductImageInput {
  readonly productId: number | string
  readonly image: UploadFile
}

export interface SharpSpringCallOptions extends CallOptions {
  /** Return the result when some objects failed instead of throwing SharpSpringPartialFailureError. */
  readonly allowPartial?: boolean
  /** Whether the call may be sent twice after an ambiguous failure; default: methods named `get…`. */
  readonly idempotent?: boolean
}

export type UploadedFile = sharpspring.UploadItem
export type ProductImage = sharpspring.UploadProductImageResult

export interface SharpSpringClient {
  /** A JSON-RPC method: its `result`, or a SharpSpringApiError carrying the error code. */
  call<T = unknown>(
    method: string,
    params: Record<string, unknown>,
    options?: SharpSpringCallOptions,
  ): Promise<T>
  /** `POST /uploadFiles`: one multipart call, each file to its object's File Upload field. */
  uploadFiles(input: UploadFilesInput, options?: UploadCallOptions): Promise<UploadedFile[]>
  /** `POST /uploadProductImage`: a product's image. */
  uploadProductImage(input: UploadProductImageInput, options?: UploadCallOptions): Promise<ProductImage>
}

/** Any `result`: `call` returns it as the method gave it. */
const ANY_RESULT = z.unknown()

const WRITE_KEYS = ['creates', 'updates', 'deletes', 'uploads'] as const

/** Items of a write's result, for a partial failure's `results`. */
const writeItems = (result: unknown): readonly unknown[] => {
  if (typeof result !== 'object' || result === null) return []
  const key = WRITE_KEYS.find((name) => Array.isArray((result as Record<string, unknown>)[name]))
  return key === undefined ? [] : ((result as Record<string, unknown[]>)[key] ?? [])
}

const objectId = (option: string, value: number | string): string => {
  const text = String(value).trim()
  if (!/^\d+$/.test(text))
    throw new InvalidOptionsError(option, `'${value}' is not an object id (a whole number)`)
  return text
}

/**
 * A SharpSpring (Lead Gen & CRM) client: JSON-RPC calls and the two multipart uploads, with the account's
 * credentials and API version set once.
 *
 * @example
 * const client = createSharpSpringClient({ accountId, secretKey, baseUrl: mock.info.api })
 * await client.uploadFiles({ objectType: 'lead', fieldSystemName: 'contract_5f…', files: [{ objectId: 1234, file: './file1.png' }] })
 */
export function createSharpSpringClient(options: SharpSpringClientOptions): SharpSpringClient {
  const common = normalizeCommon(options)
  const accountId = requireText('accountId', options.accountId)
  const secretKey = requireText('secretKey', options.secretKey)
  const version = options.apiVersion ?? 'v1.2'
  if (version !== 'v1' && version !== 'v1.2')
    throw new InvalidOptionsError('apiVersion', "must be 'v1' or 'v1.2'")
  const base = normalizeBaseUrl('baseUrl', options.baseUrl ?? 'https://api.sharpspring.com/pubapi')
  const newRequestId = options.requestId ?? randomUUID
  const url = (endpoint: string) => {
    const target = new URL(`${base}/${version}/${endpoint}`)
    target.searchParams.set('accountID', accountId)
    target.searchParams.set('secretKey', secretKey)
    return target
  }

  async function upload<T extends z.ZodType>(
    endpoint: 'uploadFiles' | 'uploadProductImage',
    parts: (requestId: string) => BodyPart[],
    result: T,
    call: UploadCallOptions,
  ): Promise<z.infer<T>> {
    const requestId = newRequestId()
    const body = uploadBody(parts(requestId), call.onProgress)
    return exchange(common, call, {
      method: 'POST',
      url: url(endpoint),
      headers: { 'content-type': body.contentType, accept: 'application/json' },
      body: body.body,
      // Both overwrite what they set (an API update always overwrites a field, says SharpSpring's API
      // overview; FIDELITY.md, "Sources"), so a repeat is harmless.
      idempotent: true,
      canResend: body.canResend,
      decode: (answer) =>
        decodeEnvelope(answer, {
          method: endpoint,
          requestId,
          result,
          items: writeItems,
          secrets: [secretKey],
        }),
    })
  }

  return {
    call(method, params, call = {}) {
      requireText('method', method)
      const requestId = newRequestId()
      return exchange(common, call, {
        method: 'POST',
        url: url(''),
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ method, params, id: requestId }),
        idempotent: call.idempotent ?? /^get/.test(method),
        decode: (answer) =>
          decodeEnvelope(answer, {
            method,
            requestId,
            result: ANY_RESULT,
            items: writeItems,
            allowPartial: call.allowPartial,
            secrets: [secretKey],
          }) as never,
      })
    },

    async uploadFiles(input, call = {}) {
      if (!['lead', 'account', 'opportunity'].includes(input.objectType)) {
        throw new InvalidOptionsError('objectType', "must be 'lead', 'account' or 'opportunity'")
      }
      const field = requireText('fieldSystemName', input.fieldSystemName)
      if (!Array.isArray(input.files) || input.files.length === 0) {
        throw new InvalidOptionsError('files', 'needs at least one { objectId, file }')
      }
      const ids = input.files.map((entry, index) => objectId(`files[${index}].objectId`, entry.objectId))
      const files = await Promise.all(input.files.map((entry) => openFile(entry.file)))
      const names = new Set<string>()
      for (const file of files) {
        // The id part is named after the file, so two files of one name cannot be told apart (SharpSpring's
        // "Uploading Files" article requires unique filenames in one call).
        if (names.has(file.name))
          throw new InvalidOptionsError('files', `filenames must be unique in one call: ${file.name}`)
        names.add(file.name)
      }
      const result = await upload(
        'uploadFiles',
        // The order of the Uploading Files article's PHP example: id, objectType, fieldSystemName, then per
        // file `files[i]` and its `<filename>` id part.
        (requestId) => [
          { kind: 'field', name: 'id', value: requestId },
          { kind: 'field', name: 'objectType', value: input.objectType },
          { kind: 'field', name: 'fieldSystemName', value: field },
          ...files.flatMap((file, index): BodyPart[] => [
            { kind: 'file', name: `files[${index}]`, file },
            { kind: 'field', name: file.name, value: ids[index] as string },
          ]),
        ],
        sharpspring.uploadFilesResult,
        call,
      )
      return result.uploads
    },

    async uploadProductImage(input, call = {}) {
      const productId = objectId('productId', input.productId)
      const image = await openFile(input.image)
      return upload(
        'uploadProductImage',
        (requestId) => [
          { kind: 'field', name: 'id', value: requestId },
          { kind: 'field', name: 'productID', value: productId },
          { kind: 'file', name: 'productImage', file: image },
        ],
        sharpspring.uploadProductImageResult,
        call,
      )
    },
  }
}
