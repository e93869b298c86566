import { randomInt } from 'node:crypto'
import { onepagecrm } from '@crmkit/schemas'
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
import { decodeOnePageCrm } from './decode-answers.js'
import { keyStamps } from './object-key.js'
import { type S3Upload, type UploadForm, uploadWithForm } from './s3-upload.js'

export interface OnePageCrmClientOptions extends CommonClientOptions {
  /** The user's id: the HTTP Basic username. */
  readonly userId: string
  /** The user's API key: the password. Never appears in errors. */
  readonly apiKey: string
  /** Default `https://app.onepagecrm.com/api/v3`; a mock's `info.api` to test. */
  readonly baseUrl?: string
  /**
   * Whole numbers in [0, max) for the random digits of each S3 key; with `clock`, inject it for deterministic
   * keys. Default node:crypto's `randomInt`.
   */
  readonly randomInt?: (max: number) => number
}

/** Where an attachment hangs (the tutorial's list): an activity, the contact's photo, the user's avatar, the documents page. */
export type AttachTo =
  | { readonly type: 'note' | 'deal' | 'call' | 'meeting'; readonly id: string }
  | { readonly type: 'photo' | 'avatar' | 'account_document' }

export interface CreateAttachmentInput {
  readonly contactId: string
  readonly key: string
  readonly name: string
  readonly size: number
  readonly attachTo: AttachTo
  /** `flat`: `POST /attachments` (the tutorial's); `nested`: `POST /{notes,deals,calls,meetings}/{id}/attachments`. */
  readonly route?: 'flat' | 'nested'
}

export interface UploadAttachmentInput {
  readonly contactId: string
  readonly file: UploadFile
  readonly attachTo: AttachTo
  readonly route?: 'flat' | 'nested'
  /** Check the file against the form's policy before sending it (default true); false leaves it to S3. */
  readonly checkPolicy?: boolean
}

export interface UploadToS3Input {
  readonly form: UploadForm
  readonly file: UploadFile
  /** Check the file against the form's policy before sending it (default true); false leaves it to S3. */
  readonly checkPolicy?: boolean
}

export type Attachment = onepagecrm.Attachment

export interface UploadAttachmentResult {
  readonly attachment: Attachment
  readonly upload: S3Upload
}

export interface OnePageCrmClient {
  /** Step 1, `GET /attachments/s3_form?contact_id=…`: a signed S3 POST form for that contact. */
  getUploadForm(input: { readonly contactId: string }, options?: CallOptions): Promise<UploadForm>
  /**
   * Step 2: the file to S3 with the form, checked against its policy first, under a key of its own:
   * `<contact_id>/<Unix ms and 6 random digits>/<file name>`.
   */
  uploadToS3(input: UploadToS3Input, options?: UploadCallOptions): Promise<S3Upload>
  /** Step 3, `POST /attachments`: tells OnePageCRM about the uploaded file. Not retried after an ambiguous failure. */
  createAttachment(input: CreateAttachmentInput, options?: CallOptions): Promise<Attachment>
  /** The three steps; an expired form is fetched again once. */
  uploadAttachment(input: UploadAttachmentInput, options?: UploadCallOptions): Promise<UploadAttachmentResult>
}

const ACTIVITY_PLURAL = { note: 'notes', deal: 'deals', call: 'calls', meeting: 'meetings' } as const

const objectId = (option: string, value: unknown): string => {
  if (typeof value !== 'string' || !/^[0-9a-f]{24}$/.test(value)) {
    throw new InvalidOptionsError(option, 'must be a OnePageCRM id (24 lowercase hex characters)')
  }
  return value
}

/**
 * A OnePageCRM client for the three-step upload of the vendor's tutorial
 * (https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/), each step also on its own. HTTP
 * Basic auth with the user's id and API key.
 *
 * @example
 * const client = createOnePageCrmClient({ userId, apiKey, baseUrl: mock.info.api })
 * await client.uploadAttachment({ contactId, file: './contract.pdf', attachTo: { type: 'note', id: noteId } })
 */
export function createOnePageCrmClient(options: OnePageCrmClientOptions): OnePageCrmClient {
  const common = normalizeCommon(options)
  const userId = requireText('userId', options.userId)
  const apiKey = requireText('apiKey', options.apiKey)
  const base = normalizeBaseUrl('baseUrl', options.baseUrl ?? 'https://app.onepagecrm.com/api/v3')
  const authorization = `Basic ${Buffer.from(`${userId}:${apiKey}`).toString('base64')}`
  const headers = { authorization, accept: 'application/json' }
  if (options.randomInt !== undefined && typeof options.randomInt !== 'function')
    throw new InvalidOptionsError('randomInt', 'must be a function (max) => a whole number in [0, max)')
  // One sequence for the client: none of its uploads shares a key with another (object-key.ts).
  const keyStamp = keyStamps(common.clock, options.randomInt ?? randomInt)

  const client: OnePageCrmClient = {
    getUploadForm(input, call = {}) {
      const contactId = objectId('contactId', input.contactId)
      const url = new URL(`${base}/attachments/s3_form`)
      url.searchParams.set('contact_id', contactId)
      return exchange(common, call, {
        method: 'GET',
        url,
        headers,
        idempotent: true,
        decode: (answer) => ({
          ...decodeOnePageCrm(answer, onepagecrm.s3FormData, [apiKey]),
          contactId,
        }),
      })
    },

    async uploadToS3(input, call = {}) {
      return uploadWithForm(common, input.form, await openFile(input.file), call, {
        checkPolicy: input.checkPolicy ?? true,
        keyStamp,
      })
    },

    createAttachment(input, call = {}) {
      const contactId = objectId('contactId', input.contactId)
      const { attachTo } = input
      const nested = input.route === 'nested'
      if (!Number.isSafeInteger(input.size) || input.size < 0)
        throw new InvalidOptionsError('size', 'must be bytes, 0 or more')
      const body: Record<string, unknown> = {}
      if ('id' in attachTo) {
        if (!(attachTo.type in ACTIVITY_PLURAL))
          throw new InvalidOptionsError('attachTo.type', 'is not an activity type')
        if (!nested) body.reference_id = objectId('attachTo.id', attachTo.id)
      } else {
        if (nested)
          throw new InvalidOptionsError(
            'route',
            `'nested' needs a note, deal, call or meeting, not ${attachTo.type}`,
          )
        if (attachTo.type === 'photo') body.reference_id = contactId
      }
      if (!nested) body.reference_type = attachTo.type
      Object.assign(body, { contact_id: contactId, name: input.name, key: input.key, size: input.size })
      const path =
        nested && 'id' in attachTo
          ? `${ACTIVITY_PLURAL[attachTo.type]}/${objectId('attachTo.id', attachTo.id)}/attachments`
          : 'attachments'
      return exchange(common, call, {
        method: 'POST',
        url: new URL(`${base}/${path}`),
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        // A repeat after an ambiguous failure could attach the file twice: only refusals that mean
        // "not processed" (the throttle, a connection never made) are retried.
        idempotent: false,
        decode: (answer) => decodeOnePageCrm(answer, onepagecrm.createAttachmentData, [apiKey]).attachment,
      })
    },

    async uploadAttachment(input, call = {}) {
      const contactId = objectId('contactId', input.contactId)
      const file = await openFile(input.file)
      const form = await client.getUploadForm({ contactId }, call)
      const upload = await uploadWithForm(common, form, file, call, {
        checkPolicy: input.checkPolicy ?? true,
        keyStamp,
        refresh: () => client.getUploadForm({ contactId }, call),
      })
      const attachment = await client.createAttachment(
        {
          contactId,
          key: upload.key,
          name: upload.name,
          size: upload.size,
          attachTo: input.attachTo,
          route: input.route,
        },
        call,
      )
      return { attachment, upload }
    },
  }
  return client
}
