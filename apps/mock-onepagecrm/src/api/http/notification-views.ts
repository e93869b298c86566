import type { NotificationRecord } from '../domain/records.js'
import { userOf } from '../domain/relations.js'
import { authorName, type ViewContext } from './views.js'

/**
 * A notification as the spec's Notification renders it (https://github.com/OnePageCRM/swagger): `by` is the
 * name of who caused it ("Vlad K."). `mobile_data` only for an assigned action, whose push title the spec
 * shows ("Action assigned to you (by User N.)"), its body the action's text (inferred); the push texts of
 * the other types are undocumented.
 */
export function notificationView(view: ViewContext, notification: NotificationRecord) {
  const by = authorName(userOf(view.deps.state, notification.by_id))
  return {
    id: notification.id,
    type: notification.type,
    by,
    read: notification.read,
    user_id: notification.user_id,
    contact_id: notification.contact_id,
    created_at: notification.created_at,
    modified_at: notification.modified_at,
    ...(notification.type === 'assigned_action'
      ? {
          mobile_data: {
            title: `Action assigned to you (by ${by})`,
            body: notification.text,
            action_type: notification.type,
          },
        }
      : {}),
  }
}
