import { statusOf } from '../domain/actions-order.js'
import type { ActionRecord } from '../domain/records.js'

/**
 * An action as the spec's Action renders it (https://github.com/OnePageCRM/swagger): `date` only for an
 * action that has one, `exact_time` only for `date_time`, `position` only in a queue, `done_at` only once
 * completed (each as the schema describes it). `externally_controlled` is always false: the mock connects
 * no calendars. The computed `weight` getAction mentions is not rendered: its formula is undocumented
 * (FIDELITY.md).
 */
export function actionView(action: ActionRecord) {
  return {
    id: action.id,
    assignee_id: action.assignee_id,
    contact_id: action.contact_id,
    text: action.text,
    status: statusOf(action),
    ...(action.date === null ? {} : { date: action.date }),
    ...(action.exact_time === null ? {} : { exact_time: action.exact_time }),
    ...(action.position === null ? {} : { position: action.position }),
    done: action.done_at !== null,
    ...(action.done_at === null ? {} : { done_at: action.done_at }),
    externally_controlled: false,
    created_at: action.created_at,
    modified_at: action.modified_at,
  }
}
