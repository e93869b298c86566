import { type PolicyCondition, printCondition, printObjectCondition } from './conditions.js'
import { decodeBase64Utf8 } from './encoding.js'
import { invalidPolicyDocument } from './failures.js'
import { fail, ok, type PostPolicyResult } from './result.js'

export interface ParsedPolicy {
  readonly expiration: Date
  /** The `expiration` text as written. */
  readonly expirationText: string
  readonly conditions: readonly PolicyCondition[]
  /** The decoded JSON text. */
  readonly json: string
}

// ISO 8601 UTC with `Z`, with or without milliseconds; offsets and a space for `T` are refused
// (docs/s3-post-policy-rules.md, "The policy document").
const EXPIRATION = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/

export function parseExpiration(value: string): Date | undefined {
  const match = EXPIRATION.exec(value)
  if (!match) return undefined
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return undefined
  // Reject calendar overflow such as 2015-02-30, which Date would roll forward.
  const [, y, mo, d, h, mi, s] = match.map(Number)
  const sameParts =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() + 1 === mo &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  return sameParts ? date : undefined
}

/**
 * Decodes and validates a base64 policy (docs/s3-post-policy-rules.md, "The policy document",
 * "Conditions"; failure table rows 8-12). Only shape is checked here: whether the form satisfies the
 * conditions is decided later, against the form.
 */
export function parsePolicy(policyBase64: string): PostPolicyResult<ParsedPolicy> {
  return readPolicy(policyBase64).result
}

/**
 * {@link parsePolicy}, and for a refused document what is wrong with it in plain words, which S3's
 * message does not always say (it answers "Invalid JSON." for text that is not even base64).
 */
export function readPolicy(policyBase64: string): {
  readonly result: PostPolicyResult<ParsedPolicy>
  readonly problem?: string
} {
  const json = decodeBase64Utf8(policyBase64)
  // Row 9: S3's text for bad base64 is unrecorded; "Invalid JSON." is what it says for the nearest case.
  if (json === undefined) {
    return { result: fail(invalidPolicyDocument('Invalid JSON.')), problem: 'not base64 of UTF-8 text' }
  }
  let document: unknown
  try {
    document = JSON.parse(json)
  } catch (error) {
    return {
      result: fail(invalidPolicyDocument('Invalid JSON.')),
      problem: `not JSON (${(error as Error).message})`,
    }
  }
  if (!isPlainObject(document)) {
    return { result: fail(invalidPolicyDocument('Invalid JSON.')), problem: 'not a JSON object' }
  }
  const result = parseDocument(document, json)
  return result.ok ? { result } : { result, problem: result.error.message.replace(/^Invalid Policy: /, '') }
}

function parseDocument(document: Record<string, unknown>, json: string): PostPolicyResult<ParsedPolicy> {
  // Top-level names are case-sensitive (s3-tests: `EXPIRATION` is refused).
  if (!('expiration' in document)) return fail(invalidPolicyDocument('Policy missing expiration.'))
  const expirationText = document.expiration
  const expiration = typeof expirationText === 'string' ? parseExpiration(expirationText) : undefined
  if (expiration === undefined || typeof expirationText !== 'string') {
    return fail(invalidPolicyDocument(`Invalid 'expiration' value: '${String(expirationText)}'`))
  }
  if (!('conditions' in document)) return fail(invalidPolicyDocument('Policy missing conditions.'))
  if (!Array.isArray(document.conditions)) return fail(invalidPolicyDocument("Invalid 'conditions' value."))

  const conditions: PolicyCondition[] = []
  for (const entry of document.conditions) {
    const parsed = parseCondition(entry)
    if (!parsed.ok) return parsed
    conditions.push(parsed.value)
  }
  return ok({ expiration, expirationText, conditions, json })
}

function parseCondition(entry: unknown): PostPolicyResult<PolicyCondition> {
  if (Array.isArray(entry)) return parseArrayCondition(entry)
  if (isPlainObject(entry)) return parseSimpleCondition(entry)
  return fail(invalidPolicyDocument(`Invalid Condition: ${JSON.stringify(entry)}`))
}

/**
 * `{"acl": "private"}`: exactly one property, printed in failures as `["eq", "$acl", "private"]`
 * (docs/s3-post-policy-rules.md, "Conditions").
 */
function parseSimpleCondition(entry: Record<string, unknown>): PostPolicyResult<PolicyCondition> {
  const keys = Object.keys(entry)
  if (keys.length !== 1) {
    return fail(
      invalidPolicyDocument(
        'Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
      ),
    )
  }
  const name = keys[0] as string
  const value = scalarText(entry[name])
  if (value === undefined) {
    return fail(invalidPolicyDocument(`Invalid Simple-Condition: value of '${name}' must be a string.`))
  }
  return ok({
    kind: 'eq',
    field: name.toLowerCase(),
    referencesField: true,
    value,
    text: printCondition(['eq', `$${name}`, value]),
    written: printObjectCondition(name, entry[name]),
  })
}

function parseArrayCondition(entry: unknown[]): PostPolicyResult<PolicyCondition> {
  const [operator, first, second] = entry
  if (typeof operator !== 'string') {
    return fail(invalidPolicyDocument(`Invalid Condition: ${JSON.stringify(entry)}`))
  }
  const text = printCondition(entry)
  const op = operator.toLowerCase()
  if (op === 'content-length-range') {
    if (entry.length !== 3) {
      return fail(
        invalidPolicyDocument('Invalid content-length-range condition: expected a minimum and a maximum.'),
      )
    }
    const min = lengthBound(first)
    const max = lengthBound(second)
    if (min === 'invalid' || max === 'invalid') {
      return fail(
        invalidPolicyDocument('Invalid content-length-range condition: bounds must be whole numbers >= 0.'),
      )
    }
    return ok({ kind: 'content-length-range', min, max, text, written: text })
  }
  if (op !== 'eq' && op !== 'starts-with') {
    return fail(invalidPolicyDocument(`Invalid Condition: unknown operation '${operator}'.`))
  }
  const value = scalarText(second)
  if (entry.length !== 3 || typeof first !== 'string' || value === undefined) {
    return fail(invalidPolicyDocument(`Invalid Condition: ${text}`))
  }
  const referencesField = first.startsWith('$')
  return ok({
    kind: op,
    field: (referencesField ? first.slice(1) : first).toLowerCase(),
    referencesField,
    value,
    text,
    written: text,
  })
}

/**
 * A content-length-range bound: a whole number, or a string of digits ([LS]; docs/s3-post-policy-rules.md,
 * "Conditions"). A non-numeric string is kept as `undefined` so that the condition fails at evaluation
 * (row 19); a negative or fractional number makes the document invalid (s3-tests).
 */
function lengthBound(value: unknown): number | undefined | 'invalid' {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : 'invalid'
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return Number(value)
    if (/^-\d+$/.test(value)) return 'invalid'
    return undefined
  }
  return 'invalid'
}

/** Condition values are strings; a JSON number is taken as its decimal text (inferred, see FIDELITY.md). */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
