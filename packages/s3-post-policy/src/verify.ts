import {
  type AuthenticatedPostForm,
  authenticatePostForm,
  type PostFormInput,
  type VerifyOptions,
} from './authenticate.js'
import { checkPostConditions } from './check-conditions.js'
import { missingFile } from './failures.js'
import { type PostObjectFields, readObjectFields } from './object-fields.js'
import { fail, type PostPolicyResult } from './result.js'

/**
 * Steps 9-11, once the file's size is known: conditions in policy order, the coverage rule, then the
 * object-level fields. The result is what to store.
 */
export function completePostForm(
  form: AuthenticatedPostForm,
  fileSize: number,
): PostPolicyResult<PostObjectFields> {
  const refused = checkPostConditions(form, fileSize)
  if (refused !== undefined) return fail(refused)
  return readObjectFields(form)
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
  // 3. Exactly one file is required; S3 checks this before the key.
  if (submission.file === undefined) return fail(missingFile())
  const authenticated = await authenticatePostForm(submission, options)
  if (!authenticated.ok) return authenticated
  return completePostForm(authenticated.value, submission.file.size)
}
