import { authenticationMode } from './auth-mode.js'
import { type PolicyCondition, printCondition } from './conditions.js'
import { type FormFieldEntry, isSecretField, normalizeFormFields } from './form-fields.js'
import { parsePolicy } from './policy-document.js'

/** A check S3 makes of a form: the step its code reports under, and what it checks as a person reads it. */
export interface PlannedPostCheck {
  readonly step: string
  readonly check: string
}

/** The checks of `authenticatePostForm` (steps 3-8) and of `completePostForm` (steps 9-11), in order. */
export interface PostCheckPlan {
  readonly authentication: readonly PlannedPostCheck[]
  readonly completion: readonly PlannedPostCheck[]
}

/** `verifyPostForm`'s first check (step 3: exactly one file), before those of the plan. */
export const FILE_CHECK: PlannedPostCheck = { step: 'file', check: 'a file part' }

const check = (step: string, text: string): PlannedPostCheck => ({ step, check: text })

/**
 * The checks S3 makes of a form, in S3's order (docs/s3-post-policy-rules.md, "Check order"), named by the
 * steps the checks report under in a {@link PostCheckTrace}. The conditions are the policy's, as written,
 * when it can be read; `fields` `undefined` (a form never read) plans a SigV4 form.
 *
 * @example
 * const trace = createPostCheckTrace()
 * const result = await verifyPostForm(submission, { ...options, trace })
 * const plan = planPostChecks({ fields: submission.fields })
 * const checks = explainPostChecks([FILE_CHECK, ...plan.authentication, ...plan.completion], trace)
 */
export function planPostChecks(input: {
  readonly fields: readonly FormFieldEntry[] | undefined
  /** Whether a `keyRule` was given to `authenticatePostForm`. */
  readonly keyRule?: boolean | undefined
}): PostCheckPlan {
  const fields = normalizeFormFields(input.fields ?? [], undefined)
  const policyText = fields.get('policy')
  const mode = input.fields === undefined ? 'v4' : authenticationMode(fields)
  const signed = mode !== 'unsigned' || policyText !== undefined
  const authentication = [check('key', 'field "key" present before the file')]
  if (input.keyRule === true) authentication.push(check('object-key', 'key is a valid object key'))
  authentication.push(check('signing-fields', 'policy and signing fields present'))
  if (mode === 'v2') {
    authentication.push(
      check('access-key', 'AWSAccessKeyId known'),
      check('signature', 'Signature (HMAC-SHA1 of the policy)'),
    )
  } else if (signed) {
    authentication.push(
      check('algorithm', 'X-Amz-Algorithm'),
      check('credential', 'X-Amz-Credential scope'),
      check('date', 'X-Amz-Date'),
      check('access-key', 'access key id known'),
      check('signature', 'X-Amz-Signature (SigV4 of the policy)'),
    )
  }
  if (signed) {
    authentication.push(
      check('policy-document', 'policy is base64 of a JSON policy document'),
      check('expiration', 'policy not expired'),
    )
  }
  const completion: PlannedPostCheck[] = []
  if (signed) {
    const parsed = policyText === undefined ? undefined : parsePolicy(policyText)
    if (parsed?.ok) {
      for (const [index, condition] of parsed.value.conditions.entries())
        completion.push(check(conditionStep(index), conditionLabel(condition)))
    } else {
      completion.push(check('conditions', "the policy's conditions"))
    }
    completion.push(check('coverage', 'every form field covered by a condition'))
  }
  completion.push(
    check('storage-class', 'x-amz-storage-class'),
    check('tagging', 'tagging'),
    check('acl', 'acl'),
  )
  return { authentication, completion }
}

/** The step of the policy's condition at `index` (from 0). */
export const conditionStep = (index: number) => `condition:${index}`

/** A condition as written, but the value of one on a credential field. */
function conditionLabel(condition: PolicyCondition): string {
  if (condition.kind === 'content-length-range' || !isSecretField(condition.field)) return condition.written
  return printCondition([condition.kind, `$${condition.field}`, '[redacted]'])
}
