import { decodeBase64Utf8 } from './encoding.js'
import { isSecretField } from './form-fields.js'

const REDACTED = '[redacted]'

/**
 * The `policy` field decoded for a person to read: its JSON indented by two spaces, the value of a
 * condition on a credential field (`x-amz-security-token`) redacted. Text that is not JSON is given as
 * decoded; `undefined` when it is not base64 of UTF-8 text.
 */
export function readablePolicyDocument(policyBase64: string): string | undefined {
  const json = decodeBase64Utf8(policyBase64)
  if (json === undefined) return undefined
  let document: unknown
  try {
    document = JSON.parse(json)
  } catch {
    return json
  }
  return JSON.stringify(withoutSecrets(document), null, 2)
}

function withoutSecrets(document: unknown): unknown {
  if (typeof document !== 'object' || document === null || !('conditions' in document)) return document
  const { conditions } = document
  if (!Array.isArray(conditions)) return document
  return { ...document, conditions: conditions.map(redactCondition) }
}

function redactCondition(condition: unknown): unknown {
  if (Array.isArray(condition)) {
    const [operator, name, ...rest] = condition
    if (typeof name !== 'string' || !isSecretField(name.replace(/^\$/, '').toLowerCase())) return condition
    return [operator, name, ...rest.map(() => REDACTED)]
  }
  if (typeof condition !== 'object' || condition === null) return condition
  return Object.fromEntries(
    Object.entries(condition).map(([name, value]) => [
      name,
      isSecretField(name.toLowerCase()) ? REDACTED : value,
    ]),
  )
}
