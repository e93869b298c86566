import { answerOf, isNodeBadRequest, isRecord, parseJson, show, violation } from '../checks.js'
import { readState } from '../data-dir.js'
import { compactJson } from '../dump.js'
import {
  buildJson,
  type JsonCase,
  jsonCaseArbitrary,
  type PreparedJson,
  shrinkJsonCase,
} from '../json-case.js'
import type { JsonTree } from '../json-mutations.js'
import type { ReadyInfo } from '../mocks-process.js'
import { header, type RawResponse, simpleRequest } from '../raw-http.js'
import type { Endpoint, FuzzContext, Settings, Violation } from '../runner.js'
import { getObject, uploadObject } from '../s3-client.js'
import { extraValue, fileBytes } from '../upload-case.js'

type Info = ReadyInfo['onepagecrm']
type ActivityType = 'note' | 'deal' | 'call' | 'meeting'
const PLURAL: Record<ActivityType, string> = {
  note: 'notes',
  deal: 'deals',
  call: 'calls',
  meeting: 'meetings',
}

export function basicAuth(info: Info): string {
  return `Basic ${Buffer.from(`${info.credentials.userId}:${info.credentials.apiKey}`).toString('base64')}`
}

const AUTH = [
  'missing',
  'wrong-key',
  'malformed',
  'bearer',
  'lowercase',
  'user-only',
  'unknown-user',
] as const

function authHeader(info: Info, variant: (typeof AUTH)[number] | undefined): string | undefined {
  const { userId, apiKey } = info.credentials
  const b64 = (text: string) => Buffer.from(text).toString('base64')
  switch (variant) {
    case 'missing':
      return undefined
    case 'wrong-key':
      return `Basic ${b64(`${userId}:${apiKey}x`)}`
    case 'malformed':
      return 'Basic !!!not-base64'
    case 'bearer':
      return `Bearer ${apiKey}`
    case 'lowercase':
      return `basic ${b64(`${userId}:${apiKey}`)}`
    case 'user-only':
      return `Basic ${b64(userId)}`
    case 'unknown-user':
      return `Basic ${b64(`ffffffffffffffffffffffff:${apiKey}`)}`
    default:
      return basicAuth(info)
  }
}

/** A well-formed API call (fixtures and read-backs). */
export async function api(
  ctx: { port(service: 'onepagecrm'): number; proc: { info: ReadyInfo } },
  method: string,
  path: string,
  body?: unknown,
): Promise<{ response: RawResponse; json: Record<string, unknown> | undefined }> {
  const info = ctx.proc.info.onepagecrm
  const response = await simpleRequest(ctx.port('onepagecrm'), method, `/api/v3${path}`, {
    headers: [
      ['Authorization', basicAuth(info)],
      ...(body === undefined ? [] : ([['Content-Type', 'application/json']] as const)),
    ],
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const parsed = parseJson(response)
  return { response, json: parsed.ok && isRecord(parsed.value) ? parsed.value : undefined }
}

const dataOf = (json: Record<string, unknown> | undefined) => (isRecord(json?.data) ? json.data : undefined)

/** A file uploaded to S3 under the demo contact's prefix, ready for `POST /attachments`. */
export async function uploadForAttachment(
  ctx: FuzzContext,
  index: number,
  size: number,
): Promise<{ key: string; name: string; bytes: Buffer }> {
  const contactId = ctx.proc.info.onepagecrm.demo.contactId
  const name = `file-${ctx.tag}-${index}.txt`
  const key = `${contactId}/${Date.now()}${index % 1000}/${name}`
  const bytes = fileBytes(index * 7919 + 1, size)
  const answer = await uploadObject(ctx.proc.info.s3, key, bytes)
  if (answer.status !== 201) throw new Error(`fixture upload refused: ${show(answer)}`)
  return { key, name, bytes }
}

async function createdId(ctx: FuzzContext, path: string, body: unknown, type: string): Promise<string> {
  const { response, json } = await api(ctx, 'POST', path, body)
  const record = dataOf(json)?.[type]
  if (!isRecord(record) || typeof record.id !== 'string')
    throw new Error(`fixture ${path} refused: ${show(response)}`)
  return record.id
}

/** The ids PUT and nested routes need: the demo note and deal, a call and a meeting made once. */
async function activityId(ctx: FuzzContext, type: ActivityType): Promise<string> {
  const demo = ctx.proc.info.onepagecrm.demo
  if (type === 'note') return demo.noteId
  if (type === 'deal') return demo.dealId
  return ctx.fixture(`onepagecrm.${type}`, () =>
    createdId(ctx, `/${PLURAL[type]}`, { contact_id: demo.contactId, text: `fixture ${type}` }, type),
  )
}

interface Spec {
  readonly id: string
  readonly label: string
  readonly method: 'POST' | 'PUT' | 'PATCH'
  /** A 201 on success (creates), else 200. */
  readonly creates: boolean
  path(ctx: FuzzContext): Promise<string>
  /** The valid body; `upload` is a fresh S3 file when the endpoint attaches one. */
  body(
    ctx: FuzzContext,
    index: number,
    base: number,
    upload: { key: string; name: string; bytes: Buffer } | undefined,
  ): JsonTree
  readonly attaches?: boolean
  /** How to read back what a success answered: the record's GET path, or the attachment's bytes. */
  readonly readBack: 'contact' | 'company' | ActivityType | 'action' | 'attachment' | Lookup
}

/** A 1×1 PNG, for the contact photo and the company logo. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/**
 * The demo contact's company, looked up for each case: other cases rename it, move the contact out of it
 * (which deletes it) or leave the contact without one, in which case the contact joins a new one.
 */
async function demoCompanyId(ctx: FuzzContext): Promise<string> {
  const contactId = ctx.proc.info.onepagecrm.demo.contactId
  const read = dataOf((await api(ctx, 'GET', `/contacts/${contactId}`)).json)
  const contact = isRecord(read?.contact) ? read.contact : undefined
  if (typeof contact?.company_id === 'string') return contact.company_id
  const { response, json } = await api(ctx, 'PUT', `/contacts/${contactId}?partial=1`, {
    company_name: 'Fuzz Co',
  })
  const updated = dataOf(json)?.contact
  if (!isRecord(updated) || typeof updated.company_id !== 'string')
    throw new Error(`fixture company refused: ${show(response)}`)
  return updated.company_id
}

/** An account lookup: the key its record answers under (`''` when `data` is the record) and its GET path. */
interface Lookup {
  readonly key: string
  readonly path: (id: string) => string
}

/** The prospect status of every new account (`src/api/domain/account-defaults.ts` of the mock). */
const PROSPECT_STATUS_ID = '5e31e030849d781e837b6ba1'

function activityBody(
  type: ActivityType,
  contactId: string | undefined,
  index: number,
  base: number,
): JsonTree {
  const contact: Record<string, JsonTree> = contactId === undefined ? {} : { contact_id: contactId }
  switch (type) {
    case 'note':
      return { ...contact, text: `Fuzz note ${index}`, date: '2026-01-02' }
    case 'deal':
      return {
        ...contact,
        name: `Fuzz deal ${index}`,
        amount: base % 1000,
        stage: 10,
        status: 'pending',
        expected_close_date: '2026-06-30',
      }
    case 'call':
      return {
        ...contact,
        text: `Call ${index}`,
        call_result: 'interested',
        via: 'phone',
        phone_number: '+353 1 234',
      }
    case 'meeting':
      return { ...contact, text: `Meeting ${index}`, place: 'Dublin', meeting_time_int: 1767225600 }
  }
}

function specs(): Spec[] {
  const out: Spec[] = [
    {
      id: 'onepagecrm.post-contacts',
      label: 'OnePageCRM POST /contacts',
      method: 'POST',
      creates: true,
      path: async () => '/contacts',
      body: (_ctx, index) => ({
        first_name: 'Fuzz',
        last_name: `Contact ${index}`,
        company_name: 'crmkit',
        emails: [{ type: 'work', value: `c${index}@example.com` }],
        phones: [{ type: 'mobile', value: '+353 87 000' }],
        tags: ['fuzz'],
        starred: index % 2 === 0,
      }),
      readBack: 'contact',
    },
    {
      id: 'onepagecrm.put-contact',
      label: 'OnePageCRM PUT /contacts/{id}',
      method: 'PUT',
      creates: false,
      path: async (ctx) => `/contacts/${ctx.proc.info.onepagecrm.demo.contactId}`,
      body: (_ctx, index) => ({
        first_name: 'John',
        last_name: 'Doe',
        company_name: `Co ${index}`,
        job_title: 'CEO',
      }),
      readBack: 'contact',
    },
  ]
  for (const type of ['note', 'deal', 'call', 'meeting'] as const) {
    out.push(
      {
        id: `onepagecrm.post-${PLURAL[type]}`,
        label: `OnePageCRM POST /${PLURAL[type]}`,
        method: 'POST',
        creates: true,
        path: async () => `/${PLURAL[type]}`,
        body: (ctx, index, base) => activityBody(type, ctx.proc.info.onepagecrm.demo.contactId, index, base),
        readBack: type,
      },
      {
        id: `onepagecrm.post-contact-${PLURAL[type]}`,
        label: `OnePageCRM POST /contacts/{id}/${PLURAL[type]}`,
        method: 'POST',
        creates: true,
        path: async (ctx) => `/contacts/${ctx.proc.info.onepagecrm.demo.contactId}/${PLURAL[type]}`,
        body: (_ctx, index, base) => activityBody(type, undefined, index, base),
        readBack: type,
      },
      {
        id: `onepagecrm.put-${type}`,
        label: `OnePageCRM PUT /${PLURAL[type]}/{id}`,
        method: 'PUT',
        creates: false,
        path: async (ctx) => `/${PLURAL[type]}/${await activityId(ctx, type)}`,
        body: (ctx, index, base) => activityBody(type, ctx.proc.info.onepagecrm.demo.contactId, index, base),
        readBack: type,
      },
    )
  }
  // Actions: dated ones, which never meet the one-ASAP-per-assignee rule of the demo contact's action.
  const actionBody = (contactId: string | undefined, index: number): JsonTree => ({
    ...(contactId === undefined ? {} : { contact_id: contactId }),
    text: `Fuzz action ${index}`,
    status: 'date',
    date: '2026-06-30',
  })
  out.push(
    {
      id: 'onepagecrm.post-actions',
      label: 'OnePageCRM POST /actions',
      method: 'POST',
      creates: true,
      path: async () => '/actions',
      body: (ctx, index) => actionBody(ctx.proc.info.onepagecrm.demo.contactId, index),
      readBack: 'action',
    },
    {
      id: 'onepagecrm.post-contact-actions',
      label: 'OnePageCRM POST /contacts/{id}/actions',
      method: 'POST',
      creates: true,
      path: async (ctx) => `/contacts/${ctx.proc.info.onepagecrm.demo.contactId}/actions`,
      body: (_ctx, index) => actionBody(undefined, index),
      readBack: 'action',
    },
    {
      id: 'onepagecrm.put-action',
      label: 'OnePageCRM PUT /actions/{id}',
      method: 'PUT',
      creates: false,
      path: async (ctx) => {
        const demo = ctx.proc.info.onepagecrm.demo
        const id = await ctx.fixture('onepagecrm.action', () =>
          createdId(ctx, '/actions', actionBody(demo.contactId, 0), 'action'),
        )
        return `/actions/${id}`
      },
      body: (ctx, index) => actionBody(ctx.proc.info.onepagecrm.demo.contactId, index),
      readBack: 'action',
    },
  )
  out.push({
    id: 'onepagecrm.post-attachments',
    label: 'OnePageCRM POST /attachments',
    method: 'POST',
    creates: true,
    attaches: true,
    path: async () => '/attachments',
    body: (ctx, _index, base, upload) => {
      const demo = ctx.proc.info.onepagecrm.demo
      const [type, id] = base % 2 === 0 ? ['note', demo.noteId] : ['deal', demo.dealId]
      return {
        reference_type: type,
        reference_id: id,
        contact_id: demo.contactId,
        key: upload?.key ?? '',
        name: upload?.name ?? '',
        size: upload?.bytes.length ?? 0,
      }
    },
    readBack: 'attachment',
  })
  for (const type of ['note', 'deal', 'call', 'meeting'] as const) {
    out.push({
      id: `onepagecrm.post-${type}-attachments`,
      label: `OnePageCRM POST /${PLURAL[type]}/{id}/attachments`,
      method: 'POST',
      creates: true,
      attaches: true,
      path: async (ctx) => `/${PLURAL[type]}/${await activityId(ctx, type)}/attachments`,
      body: (_ctx, _index, base, upload) => ({
        key: upload?.key ?? '',
        name: upload?.name ?? '',
        ...(base % 2 === 0 ? { size: upload?.bytes.length ?? 0 } : {}),
      }),
      readBack: 'attachment',
    })
  }
  out.push(
    {
      id: 'onepagecrm.put-contact-photo',
      label: 'OnePageCRM PUT /contacts/{id}/contact_photo',
      method: 'PUT',
      creates: false,
      path: async (ctx) => `/contacts/${ctx.proc.info.onepagecrm.demo.contactId}/contact_photo`,
      body: (_ctx, _index, base) => ({
        image: base % 2 === 0 ? PNG_BASE64 : `data:image/png;base64,${PNG_BASE64}`,
      }),
      readBack: 'contact',
    },
    {
      id: 'onepagecrm.put-company',
      label: 'OnePageCRM PUT /companies/{id}',
      method: 'PUT',
      creates: false,
      path: async (ctx) => `/companies/${await demoCompanyId(ctx)}`,
      body: (_ctx, index) => ({
        name: `Fuzz Co ${index}`,
        description: 'Made by the fuzzer',
        phone: '+353 1 234',
        url: 'https://example.com',
        address: { city: 'Galway', country_code: 'IE' },
      }),
      readBack: 'company',
    },
    {
      id: 'onepagecrm.patch-company-logo',
      label: 'OnePageCRM PATCH /companies/{id}/logo',
      method: 'PATCH',
      creates: false,
      path: async (ctx) => `/companies/${await demoCompanyId(ctx)}/logo`,
      body: () => ({ image: `data:image/png;base64,${PNG_BASE64}` }),
      readBack: 'company',
    },
  )
  out.push({
    id: 'onepagecrm.patch-attachment',
    label: 'OnePageCRM PATCH /attachments/{id}',
    method: 'PATCH',
    creates: false,
    path: async (ctx) => {
      const id = await ctx.fixture('onepagecrm.attachment', async () => {
        const upload = await uploadForAttachment(ctx, 999_999, 64)
        const demo = ctx.proc.info.onepagecrm.demo
        return createdId(
          ctx,
          '/attachments',
          {
            reference_type: 'note',
            reference_id: demo.noteId,
            contact_id: demo.contactId,
            key: upload.key,
            name: upload.name,
          },
          'attachment',
        )
      })
      return `/attachments/${id}`
    },
    body: (_ctx, index, base): JsonTree =>
      base % 2 === 0
        ? { custom_filename: `renamed-${index}.txt` }
        : { attachment: { custom_filename: `r${index}.txt` } },
    readBack: 'attachment',
  })
  // The account's lookups, through updates: a create would meet the account limits in a long run.
  out.push(
    {
      id: 'onepagecrm.put-status',
      label: 'OnePageCRM PUT /statuses/{id}',
      method: 'PUT',
      creates: false,
      path: async () => `/statuses/${PROSPECT_STATUS_ID}`,
      body: (_ctx, index): JsonTree => ({
        text: `Prospect ${index % 1000}`,
        color: 'cc0000',
        description: 'Fuzzed',
      }),
      readBack: { key: 'status', path: (id) => `/statuses/${id}` },
    },
    {
      id: 'onepagecrm.put-lead-source',
      label: 'OnePageCRM PUT /lead_sources/{id}',
      method: 'PUT',
      creates: false,
      path: async () => '/lead_sources/referral',
      body: (_ctx, index): JsonTree => ({ text: `Referral ${index}` }),
      readBack: { key: '', path: (id) => `/lead_sources/${id}` },
    },
    {
      id: 'onepagecrm.put-user',
      label: 'OnePageCRM PUT /users/{id}',
      method: 'PUT',
      creates: false,
      path: async (ctx) => `/users/${ctx.proc.info.onepagecrm.credentials.userId}`,
      body: (_ctx, index): JsonTree => ({
        first_name: 'Jane',
        last_name: `Doe ${index % 1000}`,
        company_name: 'crmkit',
      }),
      readBack: { key: 'user', path: (id) => `/users/${id}` },
    },
    {
      id: 'onepagecrm.put-deal-field',
      label: 'OnePageCRM PUT /deal_fields/{id}',
      method: 'PUT',
      creates: false,
      path: async (ctx) => {
        const id = await ctx.fixture('onepagecrm.deal-field', () =>
          createdId(
            ctx,
            '/deal_fields',
            { name: 'Fuzz size', type: 'select_box', choices: ['S', 'M'] },
            'deal_field',
          ),
        )
        return `/deal_fields/${id}`
      },
      body: (_ctx, index): JsonTree => ({
        name: `Size ${index}`,
        type: 'select_box',
        choices: ['S', 'M', 'L'],
        position: 0,
      }),
      readBack: { key: 'deal_field', path: (id) => `/deal_fields/${id}` },
    },
  )
  return out
}

interface PreparedApi extends PreparedJson {
  readonly suppress: boolean
  readonly upload: { key: string; name: string; bytes: Buffer } | undefined
}

function endpointOf(spec: Spec): Endpoint<JsonCase, PreparedApi> {
  return {
    id: spec.id,
    label: spec.label,
    kind: 'json',
    service: 'onepagecrm',
    arbitrary: (settings: Settings) =>
      jsonCaseArbitrary(settings, ['auth', 'suppress', 'partial', 'json-suffix']),
    shrink: shrinkJsonCase,

    async prepare(ctx, input, index) {
      const info = ctx.proc.info.onepagecrm
      const upload =
        spec.attaches === true ? await uploadForAttachment(ctx, index, 1 + (input.base % 4096)) : undefined
      const path = await spec.path(ctx)
      const auth = extraValue(input, 'auth', AUTH)
      const suppress = extraValue(input, 'suppress', ['1']) !== undefined
      const partial = extraValue(input, 'partial', ['1', 'true'])
      const suffix = extraValue(input, 'json-suffix', ['.json']) ?? ''
      const query = [
        ...(suppress ? ['suppress_http_status=1'] : []),
        ...(partial === undefined ? [] : [`partial=${partial}`]),
      ]
      const authorization = authHeader(info, auth)
      const prepared = buildJson({
        input,
        service: 'onepagecrm',
        port: ctx.port('onepagecrm'),
        method: spec.method,
        target: `/api/v3${path}${suffix}${query.length === 0 ? '' : `?${query.join('&')}`}`,
        base: spec.body(ctx, index, input.base, upload),
        headers: authorization === undefined ? [] : [['Authorization', authorization]],
        extrasDescription: input.extras.length === 0 ? '' : compactJson({ auth, suppress, partial, suffix }),
      })
      return { ...prepared, suppress, upload }
    },

    async check(ctx, prepared, outcome, before): Promise<Violation[]> {
      const found: Violation[] = []
      const response = answerOf(outcome)
      if (response === undefined) return found
      const { violations, json } = onePageCrmFormat(response, prepared)
      found.push(...violations)
      const ok = json !== undefined && json.status === 0
      if (prepared.pristine && !ok)
        found.push(violation('refused-valid', 'a valid call was refused', show(response)))
      if (!ok && readState(ctx.dataDir, 'onepagecrm') !== before.state.onepagecrm)
        found.push(violation('state-changed', 'a refused call changed the records', prepared.description))
      if (ok && json !== undefined) {
        if (!prepared.suppress && response.status !== (spec.creates ? 201 : 200))
          found.push(
            violation(
              'format',
              `success answered ${response.status} (${spec.creates ? 201 : 200} expected)`,
              show(response),
            ),
          )
        found.push(...(await readBack(ctx, spec, prepared, json)))
      }
      return found
    },
  }
}

/** OnePageCRM's envelope: `{status: 0, message, timestamp, data}` or `{status, message, error_name, error_message}`. */
function onePageCrmFormat(
  response: RawResponse,
  prepared: PreparedApi,
): { violations: Violation[]; json: Record<string, unknown> | undefined } {
  const found: Violation[] = []
  if (prepared.framingBroken && isNodeBadRequest(response)) return { violations: found, json: undefined }
  const fail = (key: string) => found.push(violation('format', key, show(response)))
  if (response.body.length === 0) {
    fail(`bare ${response.status} with no body (no OnePageCRM envelope)`)
    return { violations: found, json: undefined }
  }
  if (!/^application\/json/.test(header(response, 'content-type') ?? ''))
    fail('answer is not application/json')
  const parsed = parseJson(response)
  if (
    !parsed.ok ||
    !isRecord(parsed.value) ||
    typeof parsed.value.status !== 'number' ||
    typeof parsed.value.message !== 'string'
  ) {
    fail('answer is not the {status, message, …} envelope')
    return { violations: found, json: undefined }
  }
  const json = parsed.value
  const status = json.status as number
  if (status === 0) {
    if (
      !['OK', 'Created'].includes(json.message as string) ||
      typeof json.timestamp !== 'number' ||
      !('data' in json)
    )
      fail('success envelope without OK/Created, timestamp or data')
  } else {
    if (typeof json.error_name !== 'string' || typeof json.error_message !== 'string')
      fail('error envelope without error_name / error_message')
    if (json.errors !== undefined && !isRecord(json.errors))
      fail('error envelope whose errors is not an object')
    if (!prepared.suppress && response.status !== status)
      fail(`HTTP ${response.status} differs from the envelope's status ${status}`)
  }
  if (prepared.suppress && response.status !== 200)
    fail(`suppress_http_status=1 answered HTTP ${response.status}`)
  return { violations: found, json }
}

async function readBack(
  ctx: FuzzContext,
  spec: Spec,
  prepared: PreparedApi,
  json: Record<string, unknown>,
): Promise<Violation[]> {
  const data = dataOf(json)
  if (spec.readBack === 'attachment') {
    const attachment =
      spec.method === 'PATCH' ? data : isRecord(data?.attachment) ? data.attachment : undefined
    if (!isRecord(attachment) || typeof attachment.url !== 'string' || typeof attachment.id !== 'string')
      return [
        violation('format', 'an attachment answer without id and url', JSON.stringify(json).slice(0, 300)),
      ]
    const url = new URL(attachment.url)
    const key = decodeURIComponent(url.pathname.slice(ctx.proc.info.s3.bucket.length + 2))
    const got = await getObject(ctx.proc.info.s3, key)
    if (got.status !== 200)
      return [violation('readback', `the attachment's file answers ${got.status}`, show(got))]
    if (prepared.upload !== undefined && !prepared.upload.bytes.equals(got.body))
      return [
        violation(
          'readback',
          "the attachment's bytes differ from the file uploaded",
          `${prepared.upload.bytes.length} sent, ${got.body.length} read`,
        ),
      ]
    return []
  }
  const lookup = typeof spec.readBack === 'object' ? spec.readBack : undefined
  const kind =
    lookup === undefined ? (spec.readBack as Exclude<Spec['readBack'], Lookup | 'attachment'>) : undefined
  const record =
    lookup !== undefined ? (lookup.key === '' ? data : data?.[lookup.key]) : data?.[kind as string]
  if (!isRecord(record) || typeof record.id !== 'string')
    return [
      violation('format', `a ${spec.label} answer without its record`, JSON.stringify(json).slice(0, 300)),
    ]
  const path =
    lookup !== undefined
      ? lookup.path(record.id)
      : kind === 'contact'
        ? `/contacts/${record.id}`
        : kind === 'action'
          ? `/actions/${record.id}`
          : kind === 'company'
            ? `/companies/${record.id}`
            : `/${PLURAL[kind as ActivityType]}/${record.id}`
  const { response } = await api(ctx, 'GET', path)
  if (response.status !== 200)
    return [
      violation(
        'readback',
        `a ${spec.label} answer's record cannot be read back`,
        `GET ${path}: ${show(response)}`,
      ),
    ]
  return []
}

export const onePageCrmEndpoints: Array<Endpoint<JsonCase, PreparedApi>> = specs().map(endpointOf)
