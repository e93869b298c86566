import {
  type AuthenticatedPostForm,
  authenticatePostForm,
  type PostFormInput,
  type VerifyOptions,
} from './authenticate.js'
import { checkPostConditions } from './check-conditions.js'
import { FILE_CHECK } from './check-plan.js'
import { NO_TRACE, type PostCheckTrace } from './check-trace.js'
import { missingFile } from './failures.js'
import { type PostObjectFields, readObjectFields } from './object-fields.js'
import { fail, type PostPolicyResult } from './result.js'

/**
 * Steps 9-11, once the file's size is known: conditions in policy order, the coverage rule, then the
 * object-level fields, each reported to `trace`. The result is what to store.
 */
export function completePostForm(
  form: AuthenticatedPostForm,
  fileSize: number,
  trace: PostCheckTrace = NO_TRACE,
): PostPolicyResult<PostObjectFields> {
  const refused = checkPostConditions(form, fileSize, trace)
  if (refused !== undefined) return fail(refused)
  return readObjectFields(form, trace)
}

export interface PostFormSubmission extends PostFormInput {
  /** The `file` part; `undefined` when the form had none. */
  readonly file: { readonly size: number } | undefined
}

/**
 * The whole check order of docs/s3-post-policy-rules.md for a form whose file size is already known.
 * A streaming server calls {@link authenticatePostForm} when the file part begins and
 * {@link completePostForm} when it ends instead.
 *
 * @example
 * const result = await verifyPostForm(
 *   { bucket: 'uploads', fields: [['key', 'a.txt'], ...signedFields], filename: 'a.txt', file: { size: 12 } },
 *   { now: new Date(), region: 'us-east-1', lookupSecret: (id) => secrets[id] },
 * )
 * if (!result.ok) console.log(result.error.code, result.error.message)
 */
export async function verifyPostForm(
  submission: PostFormSubmission,
  options: VerifyOptions,
): Promise<PostPolicyResult<PostObjectFields>> {
  const trace = options.trace ?? NO_TRACE
  // 3. Exactly one file is required; S3 checks this before the key.
  if (submission.file === undefined) {
    trace.failed(FILE_CHECK.step, { expected: 'one part named "file"', got: 'none' })
    return fail(missingFile())
  }
  trace.passed(FILE_CHECK.step, { expected: 'one part named "file"', got: `${submission.file.size} bytes` })
  const authenticated = await authenticatePostForm(submission, options)
  if (!authenticated.ok) return authenticated
  return completePostForm(authenticated.value, submission.file.size, trace)
}
