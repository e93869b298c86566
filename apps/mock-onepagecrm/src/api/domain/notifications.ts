import { type ApiResult, invalidOrMissing, notFound, ok } from './api-failures.js'
import type { BodyFields } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { isObjectId } from './object-id.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { ActionRecord, ActivityType, NotificationRecord } from './records.js'
import { isoSeconds } from './time.js'

// Notifications (the spec's Notification and its four operations, https://github.com/OnePageCRM/swagger):
// a user is told when someone else assigns them an action (`assigned_action`) and when someone else names
// them in `user_ids_to_notify` of a note, call or meeting (`note`, `call`, `meeting`). Nobody is told of
// their own doing (inferred). The other types (`action_with_time` reminders, `contact_assigned`, `email`,
// `link`) come from what the mock does not emulate.

/** "Notifications are removed once 100 newer ones have been generated for you" (the spec's getNotification). */
export const NOTIFICATIONS_KEPT = 100

const NOTIFYING: readonly ActivityType[] = ['note', 'call', 'meeting']

/**
 * `user_ids_to_notify` of a note, call or meeting body (the spec's createNote, createCall, createMeeting
 * and their updates): users of the account, each told once. A deal has no such field.
 */
export function readUsersToNotify(ctx: CrmContext, type: ActivityType, fields: BodyFields): string[] {
  if (!NOTIFYING.includes(type)) return []
  const ids = fields.strings('user_ids_to_notify') ?? []
  if (ids.some((id) => !isObjectId(id) || !ctx.state.users.has(id))) {
    fields.fail('user_ids_to_notify', invalidOrMissing('user_ids_to_notify'))
    return []
  }
  return [...new Set(ids)]
}

/** Tells each of `userIds` (but the caller) of a note, call or meeting. */
export function notifyOfActivity(
  ctx: CrmContext,
  type: ActivityType,
  record: { readonly id: string; readonly contact_id: string },
  userIds: readonly string[],
): void {
  if (!NOTIFYING.includes(type)) return
  for (const userId of userIds) {
    add(ctx, {
      type: type as 'note' | 'call' | 'meeting',
      user_id: userId,
      contact_id: record.contact_id,
      subject_id: record.id,
      text: '',
    })
  }
}

/** Tells an action's assignee it was assigned to them by someone else (on creation or reassignment). */
export function notifyAssignment(
  ctx: CrmContext,
  before: ActionRecord | undefined,
  after: ActionRecord,
): void {
  if (before?.assignee_id === after.assignee_id) return
  add(ctx, {
    type: 'assigned_action',
    user_id: after.assignee_id,
    contact_id: after.contact_id,
    subject_id: after.id,
    text: after.text,
  })
}

function add(
  ctx: CrmContext,
  notification: Pick<NotificationRecord, 'type' | 'user_id' | 'contact_id' | 'subject_id' | 'text'>,
): void {
  if (notification.user_id === ctx.user.id) return
  const now = isoSeconds(ctx.now)
  const record: NotificationRecord = {
    ...notification,
    id: ctx.newId(),
    by_id: ctx.user.id,
    read: false,
    created_at: now,
    modified_at: now,
  }
  ctx.state.notifications.set(record.id, record)
  const mine = notificationsOf(ctx, notification.user_id)
  for (const old of mine.slice(NOTIFICATIONS_KEPT)) ctx.state.notifications.delete(old.id)
}

/** A user's notifications, newest first (inferred). */
function notificationsOf(ctx: CrmContext, userId: string): NotificationRecord[] {
  return [...ctx.state.notifications.values()].filter((n) => n.user_id === userId).reverse()
}

/** `GET /notifications`: the caller's, newest first. */
export function listNotifications(
  ctx: CrmContext,
  request: PageRequest,
): ApiResult<Page<NotificationRecord>> {
  return ok(paginate(notificationsOf(ctx, ctx.user.id), request))
}

/** `GET /notifications/{id}`: "one of your notifications"; another user's is a 404. */
export function getNotification(ctx: CrmContext, id: string): ApiResult<NotificationRecord> {
  const notification = ctx.state.notifications.get(id)
  return notification === undefined || notification.user_id !== ctx.user.id
    ? notFound('notification', id)
    : ok(notification)
}

/** `POST /notifications/{id}/mark_as_read`; one already read stays as it was. */
export function markNotificationAsRead(ctx: CrmContext, id: string): ApiResult<NotificationRecord> {
  const found = getNotification(ctx, id)
  if (!found.ok || found.value.read) return found
  const read = { ...found.value, read: true, modified_at: isoSeconds(ctx.now) }
  ctx.state.notifications.set(id, read)
  return ok(read)
}

/** `POST /notifications/mark_all_as_read`: every one of the caller's. */
export function markAllNotificationsAsRead(ctx: CrmContext): ApiResult<number> {
  let marked = 0
  for (const notification of notificationsOf(ctx, ctx.user.id)) {
    if (notification.read) continue
    ctx.state.notifications.set(notification.id, {
      ...notification,
      read: true,
      modified_at: isoSeconds(ctx.now),
    })
    marked++
  }
  return ok(marked)
}
