import { apiError, type MethodResult, type Params, readWindow } from './method-result.js'
import { type Row, type SharpSpringContext, shownTime, sqlTimestamp } from './state.js'
import { passes, readWhere } from './where-clause.js'

// The lead timeline ("Life of the Lead"): events of the Event table, `{id, leadID, eventName, whatID, whatType,
// eventData, eventSource, createTimestamp}`:
// https://knowledgebase.constantcontact.com/lead-gen-crm/articles/KnowledgeBase/53907-Understanding-Lead-Gen-CRM-Open-API-Schema-Events?lang=en_US
// The mock sends no email and hosts no page or form, so the only events it knows are its own changes: a
// lead's status or owner changed through the API, and an opportunity made for a lead.

/** `eventSource` values SharpSpring's getLeadTimeline sample names; any other is 219 [SAMPLE getLeadTimeline]. */
export const EVENT_SOURCES = [
  'changeLeadStatus',
  'emailOpened',
  'emailVisit',
  'formSubmit',
  'importantPageVisit',
  'leadOwnerChange',
  'mailboxRecv',
  'oppCreate',
  'outgoingCall',
  'shoppingCartAbandoned',
]

/** The most events kept per lead: the oldest go first, so a busy lead cannot grow the state without end. */
export const MAX_EVENTS_PER_LEAD = 1000

/**
 * Notes the changes an update made to a lead that its timeline shows: `leadOwnerChange`, named as the sample
 * names it ("Lead's Owner was Changed"), and `changeLeadStatus` ("Lead's Status was Changed" [INFER]).
 */
export function recordLeadChanges(ctx: SharpSpringContext, lead: Row, before: Row): void {
  if (before.leadStatus !== lead.leadStatus)
    record(ctx, lead, 'changeLeadStatus', "Lead's Status was Changed")
  if (before.ownerID !== lead.ownerID) record(ctx, lead, 'leadOwnerChange', "Lead's Owner was Changed")
}

function record(ctx: SharpSpringContext, lead: Row, eventSource: string, eventName: string): void {
  const events = ctx.state.tables.event
  const id = String(ctx.newId())
  events.set(id, {
    id,
    leadID: lead.id ?? null,
    eventName,
    whatID: null,
    whatType: null,
    eventData: null,
    eventSource,
    createTimestamp: sqlTimestamp(ctx.now),
  })
  const own = [...events.values()].filter((event) => event.leadID === lead.id)
  for (const old of own.slice(0, Math.max(0, own.length - MAX_EVENTS_PER_LEAD))) events.delete(old.id ?? '')
}

/** The `oppCreate` events of a lead: one per opportunity it is the primary or originating lead of [INFER]. */
function opportunityEvents(ctx: SharpSpringContext, leadId: string): Row[] {
  return [...ctx.state.objects.opportunity.values()]
    .filter((opp) => opp.primaryLeadID === leadId || opp.originatingLeadID === leadId)
    .map((opp) => ({
      id: opp.id ?? null,
      leadID: leadId,
      eventName: 'Opportunity was Created',
      whatID: opp.id ?? null,
      whatType: 'opportunity',
      eventData: null,
      eventSource: 'oppCreate',
      createTimestamp: opp.createTimestamp ?? null,
    }))
}

/**
 * `getLeadTimeline`: `where` with `whoID` (a lead's id: 220 when missing or no lead's) and optionally
 * `eventSource` (219 for a value SharpSpring does not name), `eventName`, `whatType`; `limit`, `offset` →
 * `leadTimeline` (SAMPLE getLeadTimeline; rmuit/sharpspring-restapi, src/Connection.php), oldest first, each
 * `createTimestamp` in the call's zone. The sample's `createTimestamp` filter is not emulated (205).
 */
export function getLeadTimeline(ctx: SharpSpringContext, params: Params): MethodResult {
  const where = readWhere(params, { keys: ['whoID', 'eventName', 'eventSource', 'whatType'] })
  if (!where.ok) return where.result
  const who = where.conditions.find((condition) => condition.key === 'whoID')?.values[0]
  if (who === undefined || !ctx.state.objects.lead.has(who)) return apiError(220, { whoID: who ?? null })
  const source = where.conditions.find((condition) => condition.key === 'eventSource')?.values[0]
  if (source !== undefined && !EVENT_SOURCES.includes(source))
    return apiError(219, { eventSource: EVENT_SOURCES })
  const window = readWindow(params)
  if (window === undefined) return apiError(205, { limit: 'limit and offset must be whole numbers' })
  const filters = where.conditions.filter((condition) => condition.key !== 'whoID')
  const events = [
    ...[...ctx.state.tables.event.values()].filter((event) => event.leadID === who),
    ...opportunityEvents(ctx, who),
  ]
    .filter((event) => passes(filters, (key) => event[key]))
    .sort((a, b) => (a.createTimestamp ?? '').localeCompare(b.createTimestamp ?? ''))
  const page = events
    .slice(window.offset, window.offset + window.limit)
    .map((event) => ({ ...event, createTimestamp: shownTime(ctx, event.createTimestamp) }))
  return { kind: 'read', result: { leadTimeline: page } }
}
