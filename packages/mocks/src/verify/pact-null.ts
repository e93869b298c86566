import type { PactMismatch } from './pact-report.js'

const TYPE_MISMATCH = /^Type mismatch: Expected .* \((\w+)\) to be the same type as .* \((\w+)\)$/s

/**
 * Pact's verifier reports a JSON `null` in a type mismatch as an empty string (`"actual": ""` beside
 * "Expected null (Null) to be the same type as {…} (Object)"), which a report would show as the mock
 * answering `""`. Its message names the types, the actual value's first: an empty value whose type is
 * `Null` was `null`.
 */
export function withPactNulls(mismatch: PactMismatch): PactMismatch {
  const types = TYPE_MISMATCH.exec(mismatch.mismatch ?? '')
  if (types === null) return mismatch
  const [, actualType, expectedType] = types
  return {
    ...mismatch,
    ...(mismatch.actual === '' && actualType === 'Null' ? { actual: 'null' } : {}),
    ...(mismatch.expected === '' && expectedType === 'Null' ? { expected: 'null' } : {}),
  }
}
