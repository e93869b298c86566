import fc from 'fast-check'
import { answerOf, isRecord, show, violation } from '../checks.js'
import { readState } from '../data-dir.js'
import { compactJson } from '../dump.js'
import {
  buildJson,
  type JsonCase,
  jsonCaseArbitrary,
  type PreparedJson,
  shrinkJsonCase,
} from '../json-case.js'
import type { JsonMutation, JsonTree } from '../json-mutations.js'
import type { ReadyInfo } from '../mocks-process.js'
import { simpleRequest } from '../raw-http.js'
import type { Endpoint, FuzzContext, Settings, Violation } from '../runner.js'
import { extraValue } from '../upload-case.js'
import { AUTH_VARIANTS, credentialsQuery, sharpSpringFormat, VERSIONS } from './sharpspring.js'

type Demo = ReadyInfo['sharpspring']['demo']

/** Valid calls, one per base: every method family, with the demo ids. */
const CALLS: Array<(demo: Demo, index: number, tag: string) => { method: string; params: JsonTree }> = [
  (d) => ({ method: 'getLead', params: { id: d.leadId } }),
  () => ({ method: 'getLeads', params: { where: {}, limit: 10, offset: 0 } }),
  (_d, i, t) => ({ method: 'getLeads', params: { where: { emailAddress: `fuzz-${t}-${i}@example.com` } } }),
  (_d, i, t) => ({
    method: 'createLeads',
    params: {
      objects: [
        {
          emailAddress: `fuzz-${t}-${i}@example.com`,
          firstName: 'Fuzz',
          lastName: String(i),
          leadStatus: 'open',
        },
      ],
    },
  }),
  (d, i) => ({ method: 'updateLeads', params: { objects: [{ id: d.leadId, firstName: `F${i}` }] } }),
  (d, i) => ({ method: 'updateLeadsV2', params: { objects: [{ id: String(d.leadId), title: `T${i}` }] } }),
  () => ({ method: 'deleteLeads', params: { objects: [{ id: 1 }] } }),
  () => ({ method: 'getFields', params: { where: { relationship: 'lead' }, limit: 5 } }),
  (_d, i) => ({
    method: 'createFields',
    params: { objects: [{ relationship: 'lead', label: `Fuzz ${i}`, dataType: 'text' }] },
  }),
  (d, i) => ({
    method: 'updateFields',
    params: { objects: [{ systemName: d.fileFields.account, label: `Docs ${i}` }] },
  }),
  (d) => ({ method: 'getAccount', params: { id: d.accountId } }),
  (_d, i) => ({
    method: 'createAccounts',
    params: { objects: [{ accountName: `Acme ${i}`, website: 'https://example.com' }] },
  }),
  () => ({ method: 'getOpportunities', params: { where: {} } }),
  (d, i) => ({
    method: 'createOpportunities',
    params: {
      objects: [
        {
          ownerID: '1',
          dealStageID: d.dealStageId,
          opportunityName: `Deal ${i}`,
          closeDate: '2026-12-31',
          amount: 10,
        },
      ],
    },
  }),
  (d) => ({ method: 'getProduct', params: { id: d.productId } }),
  (_d, i) => ({
    method: 'createProducts',
    params: { objects: [{ productName: `Product ${i}`, price: '9.99' }] },
  }),
  (d, i) => ({ method: 'updateProducts', params: { objects: [{ id: d.productId, description: `d${i}` }] } }),
  () => ({ method: 'getDealStages', params: { where: {} } }),
  () => ({
    method: 'getLeadsDateRange',
    params: { startDate: '2020-01-01', endDate: '2030-01-01 00:00:00', timestamp: 'create' },
  }),
  () => ({
    method: 'getAccountsDateRange',
    params: { startDate: '2020-01-01', endDate: '2030-01-01', timestamp: 'update' },
  }),
  (d) => ({ method: 'getLeads', params: { where: { id: [d.leadId, 1] }, fields: ['emailAddress'] } }),
  (d) => ({ method: 'getDealStage', params: { id: d.dealStageId } }),
  (_d, i) => ({
    method: 'createCampaigns',
    params: { objects: [{ campaignName: `Fuzz ${i}`, price: '9.5', startDate: '2026-01-01', isActive: 1 }] },
  }),
  () => ({ method: 'getCampaigns', params: { where: {}, limit: 5 } }),
  () => ({
    method: 'getCampaignsDateRange',
    params: { startDate: '2020-01-01 00:00:00', endDate: '2030-01-01 00:00:00', timestamp: 'update' },
  }),
  (d) => ({
    method: 'createOpportunityLeads',
    params: { objects: [{ opportunityID: d.opportunityId, leadID: d.leadId }] },
  }),
  () => ({ method: 'getOpportunityLeads', params: { where: {}, limit: 10 } }),
  (_d, i, t) => ({ method: 'createList', params: { name: `Fuzz ${t} ${i}`, description: 'fuzz' } }),
  () => ({ method: 'getActiveLists', params: { where: {} } }),
  () => ({ method: 'getListMembers', params: { where: { id: 1 }, limit: 5 } }),
  (d) => ({ method: 'getContactListMemberships', params: { where: { contactID: d.leadId } } }),
  () => ({ method: 'getUserProfiles', params: { where: {} } }),
  () => ({ method: 'getClients', params: [] }),
  () => ({ method: 'getEmailListing', params: { limit: 5 } }),
  (d) => ({ method: 'getLeadTimeline', params: { where: { whoID: d.leadId } } }),
]

const METHOD_NAMES = [
  'getLead',
  'createLeads',
  'deleteFields',
  'deleteAccounts',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  'getlead',
  'getLead ',
  'uploadFiles',
  'createEmail',
  'getListMembers',
  'addListMember',
  'x'.repeat(5000),
]

const methodMutation: fc.Arbitrary<JsonMutation> = fc.record({
  k: fc.constant('method' as const),
  name: fc.constantFrom(...METHOD_NAMES),
})

interface PreparedRpc extends PreparedJson {
  readonly unknownVersion: boolean
  /**
   * How the credentials were changed: `refused` ones make the service read no more than 64 KiB of the body,
   * for its id; `changed` ones (duplicated, encoded) may or may not pass.
   */
  readonly credentials: 'valid' | 'refused' | 'changed'
}

/** Singular read method for a create method's objects. */
const READ_BACK: Record<string, string> = {
  createLeads: 'getLead',
  createAccounts: 'getAccount',
  createOpportunities: 'getOpportunity',
  createProducts: 'getProduct',
  createCampaigns: 'getCampaign',
}

/** `POST /pubapi/v1/` (and `/v1.2/`): the JSON-RPC API, every method family. */
export const sharpSpringRpc: Endpoint<JsonCase, PreparedRpc> = {
  id: 'sharpspring.rpc',
  label: 'SharpSpring POST /pubapi/v1/ (JSON-RPC)',
  kind: 'json',
  service: 'sharpspring',
  runShare: 5,
  arbitrary: (settings: Settings) =>
    jsonCaseArbitrary(settings, ['auth', 'version', 'no-slash'], methodMutation),
  shrink: shrinkJsonCase,

  async prepare(ctx: FuzzContext, input: JsonCase, index: number): Promise<PreparedRpc> {
    const ss = ctx.proc.info.sharpspring
    const call = (CALLS[input.base % CALLS.length] as (typeof CALLS)[number])(ss.demo, index, ctx.tag)
    const requestId: JsonTree = (input.base >> 5) % 2 === 0 ? `call-${index}` : index
    const version = extraValue(input, 'version', VERSIONS) ?? ((input.base >> 6) % 2 === 0 ? 'v1' : 'v1.2')
    const slash = extraValue(input, 'no-slash', ['']) === undefined ? '/' : ''
    const auth = extraValue(input, 'auth', AUTH_VARIANTS)
    const prepared = buildJson({
      input,
      service: 'sharpspring',
      port: ctx.port('sharpspring'),
      method: 'POST',
      target: `/pubapi/${version}${slash}${credentialsQuery(ss, auth)}`,
      base: { method: call.method, params: call.params, id: requestId },
      extrasDescription: input.extras.length === 0 ? '' : compactJson({ auth, version, slash }),
    })
    return {
      ...prepared,
      unknownVersion: version !== 'v1' && version !== 'v1.2',
      credentials:
        auth === undefined ? 'valid' : auth === 'duplicated' || auth === 'encoded' ? 'changed' : 'refused',
    }
  },

  async check(ctx, prepared, outcome, before): Promise<Violation[]> {
    const found: Violation[] = []
    const response = answerOf(outcome)
    if (response === undefined) return found
    const { violations, envelope } = sharpSpringFormat(response, {
      unknownVersion: prepared.unknownVersion,
      framingBroken: prepared.framingBroken,
    })
    found.push(...violations)
    if (envelope === undefined) return found
    // The request's id comes back as it was sent (null when the body is not a JSON object).
    const expectedId = expectedEcho(prepared)
    if (expectedId !== undefined && JSON.stringify(envelope.id) !== expectedId)
      found.push(
        violation(
          'format',
          'the envelope id is not the request id',
          `sent ${expectedId.slice(0, 80)}, answered ${JSON.stringify(envelope.id)?.slice(0, 80)}`,
        ),
      )
    if (
      prepared.pristine &&
      (envelope.result === null || (envelope.error !== null && !Array.isArray(envelope.error)))
    )
      found.push(violation('refused-valid', 'a valid call was refused', show(response)))
    if (envelope.result === null && readState(ctx.dataDir, 'sharpspring') !== before.state.sharpspring)
      found.push(violation('state-changed', 'a refused call changed the records', prepared.description))
    found.push(...(await readBackCreates(ctx, prepared, envelope.result)))
    return found
  },
}

function expectedEcho(prepared: PreparedRpc): string | undefined {
  if (prepared.text === undefined || prepared.unknownVersion)
    return prepared.unknownVersion ? 'null' : undefined
  // Deeper than PHP's json_decode reads (512 levels), or longer than the service reads (8 MiB, PHP's
  // post_max_size), the body is no JSON to the service: no id to echo.
  const bytes = Buffer.byteLength(prepared.text)
  if (jsonDepth(prepared.text) > 512 || bytes > 8 * 1024 * 1024) return 'null'
  // A caller refused for its credentials has at most 64 KiB of its body read for the id.
  if (prepared.credentials !== 'valid' && bytes > 64 * 1024)
    return prepared.credentials === 'refused' ? 'null' : undefined
  try {
    const body = JSON.parse(prepared.text) as unknown
    const id = isRecord(body) ? (body.id ?? null) : null
    return JSON.stringify(id)
  } catch (error) {
    // Too deep for this process to write back either: no expectation.
    if (error instanceof RangeError) return undefined
    return 'null'
  }
}

/** Each object a create answered as made can be read back by its id. */
async function readBackCreates(
  ctx: FuzzContext,
  prepared: PreparedRpc,
  result: unknown,
): Promise<Violation[]> {
  if (!isRecord(result) || !Array.isArray(result.creates) || prepared.text === undefined) return []
  let method: unknown
  try {
    method = (JSON.parse(prepared.text) as { method?: unknown }).method
  } catch {
    return []
  }
  const read = typeof method === 'string' ? READ_BACK[method] : undefined
  if (read === undefined) return []
  const found: Violation[] = []
  for (const item of result.creates) {
    if (!isRecord(item) || item.success !== true) continue
    const answer = await rpc(ctx, read, { id: item.id as JsonTree })
    const type = read.slice(3).toLowerCase()
    const rows = isRecord(answer?.result) ? answer.result[type] : undefined
    if (
      !Array.isArray(rows) ||
      rows.length !== 1 ||
      !isRecord(rows[0]) ||
      String(rows[0].id) !== String(item.id)
    )
      found.push(
        violation(
          'readback',
          `an object ${String(method)} answered as created cannot be read back`,
          `${read} ${String(item.id)}: ${JSON.stringify(answer)?.slice(0, 200)}`,
        ),
      )
  }
  return found
}

/** One well-formed call, for read-backs and the crash tests. */
export async function rpc(
  ctx: { port(service: 'sharpspring'): number; proc: { info: ReadyInfo } },
  method: string,
  params: JsonTree,
): Promise<{ result: unknown; error: unknown; id: unknown } | undefined> {
  const ss = ctx.proc.info.sharpspring
  const answer = await simpleRequest(
    ctx.port('sharpspring'),
    'POST',
    `/pubapi/v1/${credentialsQuery(ss, undefined)}`,
    {
      headers: [['Content-Type', 'application/json']],
      body: JSON.stringify({ method, params, id: 'fuzz-read' }),
    },
  )
  try {
    return JSON.parse(answer.body.toString('utf8')) as { result: unknown; error: unknown; id: unknown }
  } catch {
    return undefined
  }
}

/** How deep JSON text nests, brackets inside strings not counted. */
function jsonDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (inString) {
      if (char === '\\') i++
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth)
    else if (char === '}' || char === ']') depth--
  }
  return deepest
}
