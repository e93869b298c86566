import { isQueuedStatus, OPEN_STATUSES, takesDate } from './actions-order.js'
import { type ApiResult, invalid, invalidOrMissing, notEmulated, ok } from './api-failures.js'
import type { BodyFields } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import type { ActionRecord, ActionStatus } from './records.js'
import { isoDate } from './time.js'

/** 9999-12-31T23:59:59Z: the last second a `date` can name (inferred bound). */
const LAST_SECOND = 253_402_300_799

/** What a body sets of an action (the spec's createAction and updateAction bodies). */
export interface ActionFields {
  readonly assignee_id: string
  readonly text: string
  readonly status: ActionStatus
  readonly date: string | null
  readonly exact_time: number | null
}

export interface ReadAction {
  readonly fields: ActionFields
  /** The queue position asked for, if any (`position`). */
  readonly position: number | undefined
}

/**
 * The writable fields of an action and their rules (the spec's Action and createAction,
 * https://github.com/OnePageCRM/swagger): `text` is required, at most 140 characters; `status` defaults
 * to `date`; `date` defaults to today for the statuses that have one; `exact_time` belongs to `date_time`
 * alone and `position` to the queued statuses; `assignee_id` defaults to the caller and must be a user.
 * A field given for a status it does not belong to is a 400 naming it (inferred). With `base` (a partial
 * update) a field left out keeps its value where the status still has it. `operation` names the route for
 * what crmkit does not emulate: setting `status: done` (completion is `mark_as_done`).
 */
export function readActionFields(
  ctx: CrmContext,
  fields: BodyFields,
  base: ActionRecord | undefined,
  operation: string,
): ApiResult<ReadAction> {
  if (fields.string('status') === 'done') {
    return notEmulated(operation, {
      status:
        'status done is not emulated by crmkit: complete an action with PUT /actions/{action_id}/mark_as_done',
    })
  }
  const status = fields.choice('status', OPEN_STATUSES) ?? base?.status ?? 'date'
  const assignee_id = fields.id('assignee_id') ?? base?.assignee_id ?? ctx.user.id
  const text = fields.string('text', { required: base === undefined, max: 140 }) ?? base?.text ?? ''
  const sentDate = fields.date('date')
  const sentTime = fields.number('exact_time', { integer: true, min: 0 })
  if (sentTime !== undefined && sentTime > LAST_SECOND)
    fields.fail('exact_time', invalidOrMissing('exact_time'))
  const position = fields.number('position', { integer: true, min: 1 })
  if (sentDate !== undefined && !takesDate(status)) {
    fields.fail('date', 'date is only for an action of status date, date_time or queued_with_date')
  }
  if (sentTime !== undefined && status !== 'date_time') {
    fields.fail('exact_time', 'exact_time is only for an action of status date_time')
  }
  if (position !== undefined && !isQueuedStatus(status)) {
    fields.fail('position', 'position is only for an action of status queued or queued_with_date')
  }
  const exact_time =
    status === 'date_time' ? (sentTime ?? (base?.status === 'date_time' ? base.exact_time : null)) : null
  if (status === 'date_time' && exact_time === null) fields.fail('exact_time', invalidOrMissing('exact_time'))
  if (text === '') fields.fail('text', invalidOrMissing('text'))
  if (!ctx.state.users.has(assignee_id)) fields.fail('assignee_id', invalidOrMissing('assignee_id'))
  if (!fields.valid) return invalid(fields.errors)
  // A date_time action sent without a day falls on its time's day (UTC; inferred).
  const date = takesDate(status)
    ? (sentDate ??
      (sentTime !== undefined ? isoDate(new Date(sentTime * 1000)) : undefined) ??
      (base !== undefined && takesDate(base.status) ? base.date : null) ??
      isoDate(ctx.now))
    : null
  return ok({ fields: { assignee_id, text, status, date, exact_time }, position })
}
