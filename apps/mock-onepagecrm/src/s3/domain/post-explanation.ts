import type { JournalExplanation } from '@crmkit/mock-kit'
import {
  explainPostChecks,
  FILE_CHECK,
  type FormFieldEntry,
  normalizeFormFields,
  type PlannedPostCheck,
  type PostCheckTrace,
  planPostChecks,
  readablePolicyDocument,
} from '@crmkit/s3-post-policy'
import type { S3Config } from './config.js'
import { MAX_METADATA_BYTES } from './object-headers.js'

/** The steps the emulator checks itself, around those of the policy engine. */
export const POST_STEPS = {
  bucket: 'bucket',
  multipart: 'multipart',
  body: 'body',
  preData: 'pre-data',
  file: FILE_CHECK.step,
  metadata: 'metadata',
  store: 'store',
} as const

/**
 * Every check of a POST upload in S3's order (docs/s3-post-policy-rules.md, "Check order"): the emulator's
 * own (bucket, body, fields before the file, file) and after the policy engine's, the metadata limit and
 * the store. `fields` are those before the file, `undefined` while the form was not read to its file.
 */
export function postCheckPlan(
  config: S3Config,
  fields: readonly FormFieldEntry[] | undefined,
): PlannedPostCheck[] {
  const engine = planPostChecks({ fields, keyRule: true })
  return [
    { step: POST_STEPS.bucket, check: 'bucket exists' },
    { step: POST_STEPS.multipart, check: 'body is multipart/form-data' },
    { step: POST_STEPS.body, check: 'body is well-formed multipart/form-data' },
    { step: POST_STEPS.preData, check: `fields before the file within ${config.maxPreDataBytes} bytes` },
    FILE_CHECK,
    ...engine.authentication,
    ...engine.completion,
    { step: POST_STEPS.metadata, check: `user metadata (x-amz-meta-*) within ${MAX_METADATA_BYTES} bytes` },
    { step: POST_STEPS.store, check: 'object stored' },
  ]
}

/**
 * The S3 POST explainer's journal entry: the decoded policy and every check with its outcome, the outcomes
 * being those the checks that decided the answer reported to `trace`.
 */
export function explainPostObject(
  trace: PostCheckTrace,
  config: S3Config,
  fields: readonly FormFieldEntry[] | undefined,
): JournalExplanation {
  const policy = fields === undefined ? undefined : normalizeFormFields(fields, undefined).get('policy')
  const document = policy === undefined ? undefined : readablePolicyDocument(policy)
  return {
    subject: 'S3 POST policy',
    ...(document === undefined ? {} : { document }),
    checks: explainPostChecks(postCheckPlan(config, fields), trace),
  }
}
