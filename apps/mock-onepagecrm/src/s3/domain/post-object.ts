import { pipeline } from 'node:stream/promises'
import {
  filePartFailure,
  type JournalExplanation,
  MultipartError,
  type MultipartFile,
  type MultipartPart,
} from '@crmkit/mock-kit'
import {
  type AuthenticatedPostForm,
  authenticatePostForm,
  checkPostConditions,
  completePostForm,
  createPostCheckTrace,
  type FormFieldEntry,
  readObjectFields,
} from '@crmkit/s3-post-policy'
import { lookupSecret, type S3Config } from './config.js'
import type { HostedBuckets } from './hosted-buckets.js'
import { checkMetadataSize, MAX_METADATA_BYTES, metadataSize } from './object-headers.js'
import { OBJECT_KEY_RULE } from './object-key.js'
import type { ObjectStore, PendingUpload } from './object-store.js'
import { explainPostObject, POST_STEPS } from './post-explanation.js'
import { noSuchBucket, postFailures, type S3Failure, unreadableBody } from './s3-failures.js'
import type { StoredObject } from './stored-object.js'

export interface PostObjectDeps {
  readonly config: S3Config
  /** The buckets hosted now (configured, or added while it runs). */
  readonly buckets: HostedBuckets
  readonly store: ObjectStore
  readonly now: () => Date
}

export interface PostObjectInput {
  readonly bucket: string
  /** The request's Content-Type, for the explanation of a body that is not multipart/form-data. */
  readonly contentType?: string | undefined
  /** The body's parts as they stream in (a parse failure is thrown as a `MultipartError`). */
  readonly parts: AsyncIterable<MultipartPart>
}

export type PostObjectResult = (
  | {
      readonly ok: true
      readonly object: StoredObject
      readonly successActionStatus: string | undefined
      readonly successActionRedirect: string | undefined
    }
  | { readonly ok: false; readonly error: S3Failure }
  /** The client went away mid-body: nothing is stored and there is nobody to answer. */
  | { readonly ok: false; readonly aborted: true }
) & {
  /** Every check S3 makes of the form, in S3's order, with the outcome of those that decided the answer. */
  readonly explanation: JournalExplanation
}

/** What the file part turned out to be, once read to its end. */
interface FileOutcome {
  readonly size: number
  readonly upload: PendingUpload | undefined
}

/**
 * POST Object (browser upload) in the check order of docs/s3-post-policy-rules.md. The file part is read
 * to its end in every case, so that a refusal is answered after the body (no connection reset for the
 * client) and `EntityTooLarge` can give the exact `ProposedSize`; its bytes are kept only while the upload
 * can still succeed. Each check reports to one trace, from which the explanation is made.
 */
export async function postObject(input: PostObjectInput, deps: PostObjectDeps): Promise<PostObjectResult> {
  const { config } = deps
  const trace = createPostCheckTrace()
  const fields: FormFieldEntry[] = []
  // The fields are known once the file part begins or the body ends; until then the plan is a form's.
  let formRead = false
  const explained = <const T extends object>(result: T) => ({
    ...result,
    explanation: explainPostObject(trace, config, formRead ? fields : undefined),
  })
  const refuse = (error: S3Failure): PostObjectResult => explained({ ok: false, error })

  const bucketCheck = { expected: `one of: ${deps.buckets.list().join(', ')}`, got: input.bucket }
  if (!deps.buckets.has(input.bucket)) {
    trace.failed(POST_STEPS.bucket, bucketCheck)
    return refuse(noSuchBucket(input.bucket))
  }
  trace.passed(POST_STEPS.bucket, bucketCheck)
  const multipartCheck = {
    expected: 'multipart/form-data with a boundary',
    got: input.contentType ?? 'no Content-Type',
  }
  const preDataCheck = (got: string) => ({ expected: `at most ${config.maxPreDataBytes} bytes`, got })

  let preDataBytes = 0
  let form: AuthenticatedPostForm | undefined
  let refusal: S3Failure | undefined
  let file: FileOutcome | undefined
  try {
    for await (const part of input.parts) {
      trace.passed(POST_STEPS.multipart, multipartCheck)
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
          trace.failed(POST_STEPS.preData, preDataCheck(`more than ${config.maxPreDataBytes} bytes`))
          return refuse(postFailures.maxPostPreDataLengthExceeded(config.maxPreDataBytes))
        }
        fields.push([name, part.value])
        continue
      }
      formRead = true
      trace.passed(POST_STEPS.preData, preDataCheck(`${preDataBytes} bytes`))
      // 3-8: everything the policy needs came before the file; the key must also be one S3 can store.
      const authenticated = await authenticatePostForm(
        { bucket: input.bucket, fields, filename: part.filename },
        {
          now: deps.now(),
          region: config.region,
          lookupSecret: (id) => lookupSecret(config, id),
          keyRule: OBJECT_KEY_RULE,
          trace,
        },
      )
      if (authenticated.ok) form = authenticated.value
      else refusal = authenticated.error
      file = await receiveFile(part, form !== undefined && canStore(form) ? form : undefined, deps.store)
      trace.passed(POST_STEPS.file, { expected: 'one part named "file"', got: `${file.size} bytes` })
    }
  } catch (error) {
    await file?.upload?.discard()
    if (!(error instanceof MultipartError)) throw error
    const failure = unreadableBody(error.kind, {
      fileStarted: file !== undefined,
      maxPreDataBytes: config.maxPreDataBytes,
    })
    if (failure?.code === 'PreconditionFailed') {
      trace.failed(POST_STEPS.multipart, multipartCheck)
    } else {
      trace.passed(POST_STEPS.multipart, multipartCheck)
      if (failure?.code === 'MaxPostPreDataLengthExceeded')
        trace.failed(POST_STEPS.preData, preDataCheck(error.message))
      else
        trace.failed(POST_STEPS.body, {
          expected: 'a whole, well-formed body',
          got: failure === undefined ? 'the client went away' : error.message,
        })
    }
    return failure === undefined ? explained({ ok: false, aborted: true }) : refuse(failure)
  }
  formRead = true
  trace.passed(POST_STEPS.multipart, multipartCheck)
  trace.passed(POST_STEPS.body, { expected: 'a whole, well-formed body', got: 'read to its end' })

  // 3. Exactly one file.
  if (file === undefined) {
    trace.passed(POST_STEPS.preData, preDataCheck(`${preDataBytes} bytes`))
    trace.failed(POST_STEPS.file, { expected: 'one part named "file"', got: 'none' })
    return refuse(postFailures.missingFile())
  }
  const upload = file.upload
  if (refusal !== undefined || form === undefined) {
    await upload?.discard()
    return refuse(refusal ?? postFailures.accessDenied())
  }
  // 9-11, now that the size is known; then the metadata limit.
  const accepted = completePostForm(form, file.size, trace)
  if (!accepted.ok) {
    await upload?.discard()
    return refuse(accepted.error)
  }
  const metadataCheck = {
    expected: `at most ${MAX_METADATA_BYTES} bytes`,
    got: `${metadataSize(accepted.value.metadata)} bytes`,
  }
  const metadataRefusal = checkMetadataSize(accepted.value.metadata)
  if (metadataRefusal !== undefined) {
    trace.failed(POST_STEPS.metadata, metadataCheck)
    await upload?.discard()
    return refuse(metadataRefusal)
  }
  trace.passed(POST_STEPS.metadata, metadataCheck)
  const storeCheck = (got: string) => ({ expected: 'the file kept as it was received', got })
  if (upload === undefined || !upload.stored) {
    await upload?.discard()
    // A form that passes every check is always stored, so a missing upload here is a refusal above.
    trace.failed(POST_STEPS.store, storeCheck('not kept'))
    return refuse(postFailures.accessDenied())
  }
  const { successActionStatus, successActionRedirect, ...fieldsOfObject } = accepted.value
  try {
    const committed = await upload.commit({
      ...fieldsOfObject,
      bucket: input.bucket,
      lastModified: deps.now().toISOString(),
    })
    // A POST sets no precondition, so a commit only fails by throwing.
    if (!committed.ok) {
      trace.failed(POST_STEPS.store, storeCheck(committed.error.code))
      return refuse(committed.error)
    }
    trace.passed(
      POST_STEPS.store,
      storeCheck(`${committed.object.size} bytes, ETag ${committed.object.etag}`),
    )
    return explained({
      ok: true,
      object: committed.object,
      successActionStatus,
      successActionRedirect,
    })
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
