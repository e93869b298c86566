import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { parse } from 'yaml'
import { DOCUMENTED_OPERATIONS } from '../src/api/http/documented-operations.js'
import type { DocumentedOperation } from '../src/api/http/operation-types.js'

// The vendor's OpenAPI document (https://github.com/OnePageCRM/swagger, copied to vendor/openapi-v3.yaml):
// every answer a test gets from the API is checked against the schema it documents for that operation and
// status. The schemas name few required fields, so this checks the type and shape of whatever is there.

const DOCUMENT_URL = new URL('../vendor/openapi-v3.yaml', import.meta.url)

export const openApiDocument: {
  readonly paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
} = parse(readFileSync(DOCUMENT_URL, 'utf8'))

// The document is OpenAPI 3.0: `nullable` is Ajv's own OpenAPI keyword; `example`, `format: bson-id` and
// the like are descriptions, not rules.
const ajv = new Ajv({ strict: false, validateFormats: false, validateSchema: false, allErrors: true })
ajv.addSchema(openApiDocument, 'openapi')

const validators = new Map<string, ValidateFunction | null>()

const pointer = (...segments: string[]) =>
  segments.map((segment) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/')

/** The documented operation `method path` (a real path, ids and all) answers, if any. */
export function operationOf(method: string, path: string): DocumentedOperation | undefined {
  const bare = path.split('?')[0]?.replace(/\.json$/, '') ?? ''
  const segments = bare.split('/')
  const matches = DOCUMENTED_OPERATIONS.filter((operation) => {
    if (operation.method !== method.toUpperCase()) return false
    const template = operation.path.split('/')
    return (
      template.length === segments.length &&
      template.every((part, index) => part.startsWith('{') || part === segments[index])
    )
  })
  // The most specific template: `/contacts/delete` before `/contacts/{contact_id}`.
  const staticParts = (operation: DocumentedOperation) =>
    operation.path.split('/').filter((part) => !part.startsWith('{')).length
  return matches.sort((a, b) => staticParts(b) - staticParts(a))[0]
}

function validatorFor(operation: DocumentedOperation, status: number): ValidateFunction | null {
  const key = `${operation.id} ${status}`
  const cached = validators.get(key)
  if (cached !== undefined) return cached
  const responses = openApiDocument.paths[operation.path]?.[operation.method.toLowerCase()]?.responses ?? {}
  const documented = String(status) in responses
  const validator = documented
    ? compileResponse(['paths', operation.path, operation.method.toLowerCase(), 'responses', String(status)])
    : null
  validators.set(key, validator)
  return validator
}

/** A response object (or its `$ref`, followed in the document): its JSON schema. */
function compileResponse(segments: string[]): ValidateFunction | null {
  let at = segments
  let response = resolve(at)
  while (typeof response?.$ref === 'string') {
    at = response.$ref
      .slice(2)
      .split('/')
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    response = resolve(at)
  }
  const content = response?.content as Record<string, { schema?: unknown }> | undefined
  if (content?.['application/json']?.schema === undefined) return null
  return ajv.compile({ $ref: `openapi#/${pointer(...at, 'content', 'application/json', 'schema')}` })
}

function resolve(segments: string[]): Record<string, unknown> | undefined {
  return segments.reduce<unknown>(
    (at, key) => (at as Record<string, unknown> | undefined)?.[key],
    openApiDocument,
  ) as Record<string, unknown> | undefined
}

/**
 * Where the document is wrong, with the evidence (FIDELITY.md, "Where the vendor's document is wrong"):
 * - a contact without a next action has `next_action: {}`, as the vendor's own list example shows
 *   (http://developer.onepagecrm.com/api/resources/contacts/), though the document's Action requires
 *   `assignee_id`, `contact_id` and `text`;
 * - an attachment that is not pinned has `pinned_at: null`, as the document's own description of the field
 *   says ("Is null if pinned == false"), though its type is a plain string;
 * - a status's kind is `custom1`, `custom2`, … for as many custom statuses as an account has: the enum's
 *   `customX` stands for them all (listStatuses: "the system id (lead, custom1…)");
 * - the bootstrap's fields are wrapped (`{custom_field: …}`) and its `contacts_count.all` is one object, and
 *   a deal stage without a label has `label: null`, as OnePageCRM's Java SDK parses them and its fixture of a
 *   real answer shows (OnePageCRM/java-client-wrapper, CustomFieldSerializer, ContactsCountSerializer;
 *   src/test/res/responses/handler_test/request_00_login_response.json);
 * - a company without a logo has `photo_url: null`, as the document's own deleteCompanyLogo says ("When
 *   successfully deleted the `photo_url` field value is `null` in the company"), though its type is a string.
 */
function isKnownDeviation(error: ErrorObject, body: unknown): boolean {
  const value = error.instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], body)
  if (/\/next_action$/.test(error.instancePath) && error.keyword === 'required') {
    return typeof value === 'object' && value !== null && Object.keys(value).length === 0
  }
  if (/\/pinned_at$/.test(error.instancePath) && error.keyword === 'type') return value === null
  if (
    /^\/data\/(custom|company|deal)_fields\/\d+$/.test(error.instancePath) &&
    error.keyword === 'required'
  ) {
    const [key, ...others] = Object.keys((value as object | undefined) ?? {})
    return others.length === 0 && key === error.instancePath.split('/')[2]?.replace(/s$/, '')
  }
  if (error.instancePath === '/contacts_count/all' && error.keyword === 'type') {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  }
  if (
    /\/stages\/\d+\/label$|\/deal_stages\/\d+\/label$/.test(error.instancePath) &&
    error.keyword === 'type'
  ) {
    return value === null
  }
  if (/\/status\/status$/.test(error.instancePath) && error.keyword === 'enum') {
    return typeof value === 'string' && /^custom\d+$/.test(value)
  }
  if (/\/company\/photo_url$/.test(error.instancePath) && error.keyword === 'type') return value === null
  return false
}

/**
 * What is wrong with an answer by the vendor's document: an empty list when it matches the schema the
 * document gives for its operation and status (or the document gives none: an undocumented path or status,
 * such as crmkit's 501 for what it does not emulate).
 */
export function documentProblems(method: string, path: string, status: number, body: unknown): string[] {
  const operation = operationOf(method, path)
  if (operation === undefined) return []
  const validate = validatorFor(operation, status)
  if (validate === null || validate(body)) return []
  return (validate.errors ?? [])
    .filter((error) => !isKnownDeviation(error, body))
    .map((error) => `${operation.id} ${status}: ${error.instancePath || '(body)'} ${error.message ?? ''}`)
}
