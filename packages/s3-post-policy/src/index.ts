/**
 * Amazon S3 browser-upload (POST Object) policies with SigV4: build and sign them, verify a submitted
 * form exactly as S3 does, and inspect a policy before uploading. Failures are values carrying S3's
 * status, Code, Message and extra XML elements. Web APIs only (Web Crypto, TextEncoder, atob).
 *
 * The rules, their evidence, the check order and the numbered failure table that comments here refer to
 * ("row 17") are in the repository's docs/s3-post-policy-rules.md.
 *
 * @module
 */

export {
  type AuthenticatedPostForm,
  authenticatePostForm,
  type KeyRule,
  type PostFormInput,
  type SignatureVersion,
  type VerifyOptions,
} from './authenticate.js'
export { checkPostConditions } from './check-conditions.js'
export { FILE_CHECK, type PlannedPostCheck, type PostCheckPlan, planPostChecks } from './check-plan.js'
export {
  createPostCheckTrace,
  explainPostChecks,
  type PostCheck,
  type PostCheckDetail,
  type PostCheckOutcome,
  type PostCheckTrace,
  type RecordedPostCheck,
} from './check-trace.js'
export type { ContentLengthRangeCondition, MatchCondition, PolicyCondition } from './conditions.js'
export { spacedHexBytes, timingSafeEqual } from './encoding.js'
export type { S3PostFailure } from './failures.js'
export * as failures from './failures.js'
export {
  type FormFieldEntry,
  normalizeFormFields,
  type PostFormFields,
  substituteFilename,
} from './form-fields.js'
export { inspectPostPolicy, type PolicyInspection, type PrecheckInput, precheckPostForm } from './inspect.js'
export { CANNED_ACLS, type PostObjectFields, readObjectFields, STORAGE_CLASSES } from './object-fields.js'
export { type ParsedPolicy, parseExpiration, parsePolicy } from './policy-document.js'
export { readablePolicyDocument } from './readable-policy.js'
export type { PostPolicyResult } from './result.js'
export {
  type CreatePresignedPostOptions,
  createPresignedPost,
  encodePolicy,
  formatCredential,
  type PolicyConditionInput,
  type PolicyDocument,
  type PresignedPost,
  type S3Credentials,
  signPolicy,
} from './sign.js'
export {
  type CredentialScope,
  deriveSigningKey,
  parseAmzDate,
  parseCredential,
  sha256Hex,
  signString,
  signV4,
  toAmzDate,
  toDateStamp,
} from './sigv4.js'
export type { Tag } from './tagging.js'
export { completePostForm, type PostFormSubmission, verifyPostForm } from './verify.js'
