import {
  type FormFieldEntry,
  inspectPostPolicy,
  precheckPostForm,
  type S3PostFailure,
} from '@crmkit/s3-post-policy'
import type { onepagecrm } from '@crmkit/schemas'
import type { NormalizedCommon, UploadCallOptions } from '../client-options.js'
import { PolicyViolationError, S3Error } from '../errors/vendor-errors.js'
import { exchange } from '../exchange.js'
import type { OpenedFile } from '../file-source.js'
import { uploadBody } from '../upload-body.js'
import { decodeS3 } from './decode-answers.js'
import { objectKey } from './object-key.js'

/** `data` of `GET /attachments/s3_form`, and the contact it was asked for. */
export type UploadForm = onepagecrm.S3FormData & { readonly contactId: string }

/** A file S3 stored: the key step 3 needs, the filename and size it must repeat, and S3's PostResponse. */
export interface S3Upload {
  readonly key: string
  readonly name: string
  readonly size: number
  readonly bucket: string
  readonly location: string
  readonly etag: string
}

/**
 * The form fields in the tutorial's order, `file` to follow last (S3 ignores fields after it:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html). `x-ignore-pattern` is not sent, as
 * in the tutorial's curl.
 */
function formFields(form: UploadForm, key: string, fileName: string): FormFieldEntry[] {
  const { fields } = form
  return [
    ['acl', fields.acl],
    ['success_action_status', String(fields.success_action_status)],
    ['policy', fields.policy],
    ['x-amz-credential', fields['x-amz-credential']],
    ['x-amz-algorithm', fields['x-amz-algorithm']],
    ['x-amz-date', fields['x-amz-date']],
    ['x-amz-signature', fields['x-amz-signature']],
    ['key', key],
    ['filename', fileName],
  ]
}

const isExpiry = (failure: { code: string; message: string }) =>
  failure.code === 'AccessDenied' && failure.message.endsWith('Policy expired.')

export interface UploadWithFormOptions {
  /** Check the file against the policy first; false sends it for S3 to judge. */
  readonly checkPolicy: boolean
  /** A new `__timestamp__` for each upload, never one another upload has (`keyStamps`). */
  readonly keyStamp: () => string
  /** Fetches a fresh form: an expired one (found by the check or by S3) is replaced, once. */
  readonly refresh?: (() => Promise<UploadForm>) | undefined
}

/**
 * Step 2: checks the file against the form's policy (size range, key, expiry; no request when it fails),
 * then streams the form and the file to S3. The key is chosen once: every attempt of this upload, a retry
 * or a POST with a fresh form, writes the same object with the same bytes, and no other upload writes it.
 */
export async function uploadWithForm(
  common: NormalizedCommon,
  form: UploadForm,
  file: OpenedFile,
  call: UploadCallOptions,
  { checkPolicy, keyStamp, refresh }: UploadWithFormOptions,
): Promise<S3Upload> {
  const stamp = keyStamp()
  let current = form
  let refreshed = false
  for (;;) {
    const now = common.clock()
    const key = objectKey(current.fields['x-ignore-pattern'], stamp, file.name)
    const fields = formFields(current, key, file.name)
    const failure: S3PostFailure | undefined = checkPolicy
      ? precheckPostForm({ fields, filename: file.name, size: file.size, now })
      : undefined
    const canRefresh = refresh !== undefined && !refreshed
    if (failure !== undefined) {
      if (isExpiry(failure) && canRefresh) {
        current = await refresh()
        refreshed = true
        continue
      }
      const inspection = inspectPostPolicy(current.fields.policy)
      throw new PolicyViolationError(
        file.name,
        failure,
        { method: 'POST', url: current.url },
        { size: file.size, allowedSize: inspection.ok ? inspection.value.contentLength : undefined },
      )
    }
    const body = uploadBody(
      [
        ...fields.map(([name, value]) => ({ kind: 'field' as const, name, value })),
        { kind: 'file', name: 'file', file },
      ],
      call.onProgress,
    )
    try {
      const response = await exchange(common, call, {
        method: 'POST',
        url: new URL(current.url),
        headers: { 'content-type': body.contentType },
        body: body.body,
        // A repeat writes this upload's own key with the same bytes: safe to repeat.
        idempotent: true,
        canResend: body.canResend,
        decode: decodeS3,
      })
      return { ...response, key, name: file.name, size: file.size }
    } catch (error) {
      // A clock behind S3's can pass the check and still be refused as expired.
      if (
        error instanceof S3Error &&
        isExpiry({ code: error.s3Code, message: error.s3Message }) &&
        canRefresh &&
        file.reopenable
      ) {
        current = await refresh()
        refreshed = true
        continue
      }
      throw error
    }
  }
}
