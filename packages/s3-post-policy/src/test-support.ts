import type { VerifyOptions } from './authenticate.js'
import { FILE_CHECK, type PlannedPostCheck, planPostChecks } from './check-plan.js'
import {
  createPostCheckTrace,
  explainPostChecks,
  type PostCheck,
  type PostCheckTrace,
} from './check-trace.js'
import type { FormFieldEntry } from './form-fields.js'
import type { PostObjectFields } from './object-fields.js'
import type { PostPolicyResult } from './result.js'
import { encodePolicy, formatCredential, signPolicy } from './sign.js'
import { toAmzDate } from './sigv4.js'
import { type PostFormSubmission, verifyPostForm } from './verify.js'

export const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
export const REGION = 'us-east-1'
export const BUCKET = 'uploads'
export const NOW = new Date('2026-01-01T00:00:00Z')

export const OPTIONS: VerifyOptions = {
  now: NOW,
  region: REGION,
  lookupSecret: (id) => (id === ACCESS_KEY_ID ? SECRET : undefined),
}

const SIGNING: FormFieldEntry[] = [
  ['x-amz-algorithm', 'AWS4-HMAC-SHA256'],
  ['x-amz-credential', formatCredential(ACCESS_KEY_ID, NOW, REGION)],
  ['x-amz-date', toAmzDate(NOW)],
]

/** The signing fields' conditions, to append to a test policy. */
const SIGNING_CONDITIONS = SIGNING.map(([name, value]) => ({ [name]: value }))

/**
 * A signed form: `fields`, then the signing fields, `policy` and `x-amz-signature`. The policy is the given
 * JSON text verbatim, or a document with `conditions` plus the signing conditions.
 */
export async function signedForm(
  policy: string | readonly unknown[],
  fields: readonly FormFieldEntry[],
  options: { expiration?: string; secret?: string } = {},
): Promise<FormFieldEntry[]> {
  const json =
    typeof policy === 'string'
      ? policy
      : JSON.stringify({
          expiration: options.expiration ?? '2026-01-01T01:00:00Z',
          conditions: [...policy, ...SIGNING_CONDITIONS],
        })
  const encoded = encodePolicy(json)
  const signature = await signPolicy(encoded, {
    secretAccessKey: options.secret ?? SECRET,
    region: REGION,
    date: NOW,
  })
  return [...fields, ...SIGNING, ['policy', encoded], ['x-amz-signature', signature]]
}

/** Replaces (or with `undefined`, removes) fields by exact name. */
export function withField(
  fields: readonly FormFieldEntry[],
  name: string,
  value: string | undefined,
): FormFieldEntry[] {
  const rest = fields.filter(([n]) => n !== name)
  return value === undefined ? rest : [...rest, [name, value]]
}

export interface ExplainedVerdict {
  readonly result: PostPolicyResult<PostObjectFields>
  /** The explanation: every planned check with its outcome. */
  readonly checks: PostCheck[]
  /** The plan it follows. */
  readonly plan: PlannedPostCheck[]
  /** The steps the checks reported, in the order they ran. */
  readonly reported: string[]
}

/** `verifyPostForm` with a trace, and the explanation of its verdict. */
export async function verifyExplained(
  submission: PostFormSubmission,
  options: VerifyOptions = OPTIONS,
): Promise<ExplainedVerdict> {
  const reported: string[] = []
  const recorder = createPostCheckTrace()
  const trace: PostCheckTrace = {
    passed: (step, detail) => {
      reported.push(step)
      recorder.passed(step, detail)
    },
    failed: (step, detail) => {
      reported.push(step)
      recorder.failed(step, detail)
    },
    get: (step) => recorder.get(step),
  }
  const result = await verifyPostForm(submission, { ...options, trace })
  const { authentication, completion } = planPostChecks({ fields: submission.fields })
  const plan = [FILE_CHECK, ...authentication, ...completion]
  return { result, checks: explainPostChecks(plan, trace), plan, reported }
}
