import { pipeline } from 'node:stream/promises'
import { filePartFailure, MultipartError, type MultipartFile, type MultipartPart } from '@crmkit/mock-kit'
import {
  type AuthenticatedPostForm,
  authenticatePostForm,
  checkPostConditions,
  completePostForm,
  type FormFieldEntry,
  normalizeFormFields,
  readObjectFields,
} from '@crmkit/s3-post-policy'
import { lookupSecret, type S3Config } from './config.js'
import { checkMetadataSize } from './object-headers.js'
import { checkObjectKey } from './object-key.js'
import type { ObjectStore, PendingUpload } from './object-store.js'
import { noSuchBucket, postFailures, type S3Failure, unreadableBody } from './s3-failures.js'
import type { StoredObject } from './stored-object.js'

export interface PostObjectDeps {
  readonly config: S3Config
  readonly store: ObjectStore
  readonly now: () => Date
}

export interface PostObjectInput {
  readonly bucket: string
  /** The body's parts as they stream in (a parse failure is thrown as a `MultipartError`). */
  readonly parts: AsyncIterable<MultipartPart>
}

export type PostObjectResult =
  | {
      readonly ok: true
      readonly object: StoredObject
      readonly successActionStatus: string | undefined
      readonly successActionRedirect: string | undefined
    }
  | { readonly ok: false; readonly error: S3Failure }
  /** The client went away mid-body: nothing is stored and there is nobody to answer. */
  | { readonly ok: false; readonly aborted: true }

/** What the file part turned out to be, once read to its end. */
interface FileOutcome {
  readonly size: number
  readonly upload: PendingUpload | undefined
}

/**
 * POST Object (browser upload) in the check order of docs/s3-post-policy-rules.md. The file part is read
 * to its end in every case, so that a refusal is answered after the body (no connection reset for the
 * client) and `EntityTooLarge` can give the exact `ProposedSize`; its bytes are kept only while the upload
 * can still succeed.
 */
export async function postObject(input: PostObjectInput, deps: PostObjectDeps): Promise<PostObjectResult> {
  const { config } = deps
  if (!config.buckets.includes(input.bucket)) return refuse(noSuchBucket(input.bucket))

  const fields: FormFieldEntry[] = []
  let preDataBytes = 0
  let form: AuthenticatedPostForm | undefined
  let refusal: S3Failure | undefined
  let file: FileOutcome | undefined
  try {
    for await (const part of input.parts) {
      // "Any fields below [the file] are ignored" (AWS, HTMLForms v2); later file parts are drained too.
      if (file !== undefined) continue
      if (part.kind === 'field') {
        // A form control without a name is never submitted by a browser: a part without one (or with an
        // empty one) is a body S3 cannot read as a form (inferred).
        const name: unknown = part.name
        if (typeof name !== 'string' || name === '') {
          throw new MultipartError('malformed', 'A part of the form has no name.')
        }
        preDataBytes += Buffer.byteLength(name) + Buffer.byteLength(part.value)
        if (part.truncated || preDataBytes > config.maxPreDataBytes) {
          return refuse(postFailures.maxPostPreDataLengthExceeded(config.maxPreDataBytes))
        }
        fields.push([name, part.value])
        continue
      }
      // 3. A key that S3 can store, once `${filename}` is expanded (a missing key is the policy engine's).
      const key = normalizeFormFields(fields, part.filename).get('key')
      const keyRefusal = key === undefined ? undefined : checkObjectKey(key)
      if (keyRefusal !== undefined) {
        refusal = keyRefusal
      } else {
        // 4-8 (and 3's key check): everything the policy needs came before the file.
        const authenticated = await authenticatePostForm(
          { bucket: input.bucket, fields, filename: part.filename },
          { now: deps.now(), region: config.region, lookupSecret: (id) => lookupSecret(config, id) },
        )
        if (authenticated.ok) form = authenticated.value
        else refusal = authenticated.error
      }
      file = await receiveFile(part, form !== undefined && canStore(form) ? form : undefined, deps.store)
    }
  } catch (error) {
    await file?.upload?.discard()
    if (!(error instanceof MultipartError)) throw error
    const failure = unreadableBody(error.kind, {
      fileStarted: file !== undefined,
      maxPreDataBytes: config.maxPreDataBytes,
    })
    return failure === undefined ? { ok: false, aborted: true } : refuse(failure)
  }

  // 3. Exactly one file.
  if (file === undefined) return refuse(postFailures.missingFile())
  const upload = file.upload
  if (refusal !== undefined || form === undefined) {
    await upload?.discard()
    return refuse(refusal ?? postFailures.accessDenied())
  }
  // 9-11, now that the size is known; then the metadata limit.
  const accepted = completePostForm(form, file.size)
  const fieldsRefusal = accepted.ok ? checkMetadataSize(accepted.value.metadata) : accepted.error
  if (!accepted.ok || fieldsRefusal !== undefined || upload === undefined || !upload.stored) {
    await upload?.discard()
    // A form that passes every check is always stored, so a missing upload here is a refusal above.
    return refuse(fieldsRefusal ?? postFailures.accessDenied())
  }
  const { successActionStatus, successActionRedirect, ...fieldsOfObject } = accepted.value
  try {
    const committed = await upload.commit({
      ...fieldsOfObject,
      bucket: input.bucket,
      lastModified: deps.now().toISOString(),
    })
    // A POST sets no precondition, so a commit only fails by throwing.
    if (!committed.ok) return refuse(committed.error)
    return {
      ok: true,
      object: committed.object,
      successActionStatus,
      successActionRedirect,
    }
  } catch (error) {
    await upload.discard()
    throw error
  }
}

/** Whether nothing but the file's size can still refuse an authenticated form. */
function canStore(form: AuthenticatedPostForm): boolean {
  if (checkPostConditions(form, undefined) !== undefined) return false
  const fields = readObjectFields(form)
  return fields.ok && checkMetadataSize(fields.value.metadata) === undefined
}

/**
 * Reads the file part to its end. Its bytes go to storage only for a `form` that nothing but their size
 * could still refuse; otherwise (`undefined`) they are only counted.
 */
async function receiveFile(
  part: MultipartFile,
  form: AuthenticatedPostForm | undefined,
  store: ObjectStore,
): Promise<FileOutcome> {
  if (form === undefined) {
    let size = 0
    try {
      for await (const chunk of part.stream as AsyncIterable<Buffer>) size += chunk.length
    } catch (error) {
      throw filePartFailure(part, error)
    }
    return { size, upload: undefined }
  }
  const upload = await store.beginUpload({ maxSize: form.maxFileSize })
  try {
    await pipeline(part.stream, upload.sink)
  } catch (error) {
    await upload.discard()
    throw filePartFailure(part, error)
  }
  return { size: upload.size, upload }
}

const refuse = (error: S3Failure): PostObjectResult => ({ ok: false, error })
