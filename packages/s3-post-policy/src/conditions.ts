/**
 * A condition of a policy document, parsed. `text` is the condition printed as S3 prints it in failures;
 * `written` is the condition as the policy writes it (`{"acl": "private"}` stays an object).
 */
export type PolicyCondition = MatchCondition | ContentLengthRangeCondition

export interface MatchCondition {
  readonly kind: 'eq' | 'starts-with'
  /** The form field the condition names, lower-cased, without `$`. */
  readonly field: string
  /** False when the name lacks `$`: S3 then fails the condition whatever the form holds (failure table row 17). */
  readonly referencesField: boolean
  readonly value: string
  readonly text: string
  readonly written: string
}

export interface ContentLengthRangeCondition {
  readonly kind: 'content-length-range'
  /** `undefined` when the policy gave a non-numeric string: S3 fails such a condition (row 19). */
  readonly min: number | undefined
  readonly max: number | undefined
  readonly text: string
  readonly written: string
}

/**
 * S3 prints a failed condition as a JSON array with `", "` separators, spelled as in the policy
 * (docs/s3-post-policy-rules.md, "Conditions").
 */
export function printCondition(elements: readonly unknown[]): string {
  return `[${elements.map((element) => JSON.stringify(element)).join(', ')}]`
}

/** An object condition as written, with `", "` and `": "` separators like {@link printCondition}. */
export function printObjectCondition(name: string, value: unknown): string {
  return `{${JSON.stringify(name)}: ${JSON.stringify(value)}}`
}

/**
 * Fields that take exact matches only (AWS, sigv4-HTTPPOSTConstructPolicy, "Condition matching").
 * S3's answer to `starts-with` on them is unrecorded; like MinIO, the condition fails.
 */
export function isExactOnlyField(field: string): boolean {
  if (field === 'bucket' || field === 'success_action_status') return true
  return field.startsWith('x-amz-') && !field.startsWith('x-amz-meta-')
}

/**
 * Names exempt from the "extra input fields" rule: every other field needs a condition
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html).
 */
export function isExemptFromCoverage(field: string): boolean {
  return (
    field === 'policy' ||
    field === 'x-amz-signature' ||
    field === 'file' ||
    field === 'awsaccesskeyid' ||
    field === 'signature' ||
    field.startsWith('x-ignore-')
  )
}
