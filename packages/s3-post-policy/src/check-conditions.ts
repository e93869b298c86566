import type { AuthenticatedPostForm } from './authenticate.js'
import { conditionStep } from './check-plan.js'
import { NO_TRACE, type PostCheckDetail, type PostCheckTrace } from './check-trace.js'
import {
  type ContentLengthRangeCondition,
  isExactOnlyField,
  isExemptFromCoverage,
  type MatchCondition,
} from './conditions.js'
import {
  conditionFailed,
  entityTooLarge,
  entityTooSmall,
  extraInputField,
  type S3PostFailure,
} from './failures.js'
import { isSecretField } from './form-fields.js'

/**
 * Steps 9-10 of the check order: every condition in policy order, then the coverage rule
 * ("Extra input fields"). Conditions come first: S3 reported a broken condition over an uncovered
 * field [LS]. With `fileSize` undefined the size conditions are skipped (and reported to no trace), which
 * lets a server learn early that an upload will be refused whatever its size.
 */
export function checkPostConditions(
  form: AuthenticatedPostForm,
  fileSize: number | undefined,
  trace: PostCheckTrace = NO_TRACE,
): S3PostFailure | undefined {
  if (form.policy === undefined) return undefined
  const covered = new Set<string>()
  for (const [index, condition] of form.policy.conditions.entries()) {
    const step = conditionStep(index)
    if (condition.kind === 'content-length-range') {
      if (fileSize === undefined) continue
      const verdict = checkLength(condition, fileSize)
      if (verdict.refused !== undefined) {
        trace.failed(step, verdict.detail)
        return verdict.refused
      }
      trace.passed(step, verdict.detail)
      continue
    }
    const verdict = match(condition, form)
    if (!verdict.matched) {
      trace.failed(step, verdict.detail)
      return conditionFailed(condition.text)
    }
    trace.passed(step, verdict.detail)
    covered.add(condition.field)
  }
  // The bucket is always an input, even when no `bucket` field was sent (row 14).
  const inputs = ['bucket', ...form.fields.names].filter((name) => !isExemptFromCoverage(name))
  const expected = `a condition on each of: ${inputs.join(', ')}`
  const uncovered = inputs.find((name) => !covered.has(name))
  if (uncovered !== undefined) {
    trace.failed('coverage', { expected, got: `no condition on ${uncovered}` })
    return extraInputField(uncovered)
  }
  trace.passed('coverage', { expected, got: 'every one covered' })
  return undefined
}

function checkLength(
  condition: ContentLengthRangeCondition,
  fileSize: number,
): { readonly refused: S3PostFailure | undefined; readonly detail: PostCheckDetail } {
  const got = `${fileSize} bytes received`
  if (condition.min === undefined || condition.max === undefined) {
    return { refused: conditionFailed(condition.text), detail: { expected: 'whole numbers as bounds', got } }
  }
  const detail = { expected: `${condition.min} to ${condition.max} bytes`, got }
  if (fileSize > condition.max) return { refused: entityTooLarge(fileSize, condition.max), detail }
  if (fileSize < condition.min) return { refused: entityTooSmall(fileSize, condition.min), detail }
  return { refused: undefined, detail }
}

function match(
  condition: MatchCondition,
  form: AuthenticatedPostForm,
): { readonly matched: boolean; readonly detail: PostCheckDetail } {
  const secret = isSecretField(condition.field)
  const shown = (value: string) => (secret ? '[redacted]' : value)
  const expected =
    condition.kind === 'eq' ? shown(condition.value) : `a value starting with ${shown(condition.value)}`
  // A name without `$` never matches (row 17).
  if (!condition.referencesField) {
    return { matched: false, detail: { expected: 'a field name starting with $', got: condition.field } }
  }
  // `bucket` compares against the bucket the request was sent to [DOC][MINIO].
  const actual = condition.field === 'bucket' ? form.bucket : form.fields.get(condition.field)
  // A condition on an absent field fails, even `starts-with ""` [CAP].
  if (actual === undefined)
    return { matched: false, detail: { expected, got: `no ${condition.field} field` } }
  const detail = { expected, got: shown(actual) }
  if (condition.kind === 'eq') return { matched: actual === condition.value, detail }
  if (isExactOnlyField(condition.field)) {
    return {
      matched: false,
      detail: { expected: `eq: ${condition.field} takes exact matches only`, got: 'starts-with' },
    }
  }
  // For Content-Type only, a comma-separated value is a list and every element must match [DOC].
  if (condition.field === 'content-type') {
    return {
      matched: actual.split(',').every((element) => element.trimStart().startsWith(condition.value)),
      detail: { ...detail, expected: `each comma-separated value starting with ${condition.value}` },
    }
  }
  return { matched: actual.startsWith(condition.value), detail }
}
