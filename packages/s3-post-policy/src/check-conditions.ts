import type { AuthenticatedPostForm } from './authenticate.js'
import { isExactOnlyField, isExemptFromCoverage, type MatchCondition } from './conditions.js'
import {
  conditionFailed,
  entityTooLarge,
  entityTooSmall,
  extraInputField,
  type S3PostFailure,
} from './failures.js'

/**
 * Steps 9-10 of the check order: every condition in policy order, then the coverage rule
 * ("Extra input fields"). Conditions come first: S3 reported a broken condition over an uncovered
 * field [LS]. With `fileSize` undefined the size conditions are skipped, which lets a server learn early
 * that an upload will be refused whatever its size.
 */
export function checkPostConditions(
  form: AuthenticatedPostForm,
  fileSize: number | undefined,
): S3PostFailure | undefined {
  if (form.policy === undefined) return undefined
  const covered = new Set<string>()
  for (const condition of form.policy.conditions) {
    if (condition.kind === 'content-length-range') {
      if (fileSize === undefined) continue
      if (condition.min === undefined || condition.max === undefined) return conditionFailed(condition.text)
      if (fileSize > condition.max) return entityTooLarge(fileSize, condition.max)
      if (fileSize < condition.min) return entityTooSmall(fileSize, condition.min)
      continue
    }
    if (!matches(condition, form)) return conditionFailed(condition.text)
    covered.add(condition.field)
  }
  // The bucket is always an input, even when no `bucket` field was sent (row 14).
  for (const name of ['bucket', ...form.fields.names]) {
    if (!covered.has(name) && !isExemptFromCoverage(name)) return extraInputField(name)
  }
  return undefined
}

function matches(condition: MatchCondition, form: AuthenticatedPostForm): boolean {
  // A name without `$` never matches (row 17).
  if (!condition.referencesField) return false
  // `bucket` compares against the bucket the request was sent to [DOC][MINIO].
  const actual = condition.field === 'bucket' ? form.bucket : form.fields.get(condition.field)
  // A condition on an absent field fails, even `starts-with ""` [CAP].
  if (actual === undefined) return false
  if (condition.kind === 'eq') return actual === condition.value
  if (isExactOnlyField(condition.field)) return false
  // For Content-Type only, a comma-separated value is a list and every element must match [DOC].
  if (condition.field === 'content-type') {
    return actual.split(',').every((element) => element.trimStart().startsWith(condition.value))
  }
  return actual.startsWith(condition.value)
}
