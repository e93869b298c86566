import type { ApiDeps } from '../api-deps.js'
import {
  getNotification,
  listNotifications,
  markAllNotificationsAsRead,
  markNotificationAsRead,
} from '../domain/notifications.js'
import type { NotificationRecord } from '../domain/records.js'
import type { ApiContext } from './api-env.js'
import { respond } from './envelope.js'
import { notificationView } from './notification-views.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, crmContext, viewContext } from './request-context.js'

/**
 * The caller's notifications (https://github.com/OnePageCRM/swagger, "Notifications"): list, get, mark one
 * or all as read (both 201, as the spec documents them).
 */
export function addNotificationRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  const one = (c: ApiContext) => (notification: NotificationRecord) => ({
    notification: notificationView(viewContext(c, deps), notification),
  })
  routes.on('listNotifications', { query: ['page', 'per_page'] }, (c) =>
    respond(c, listNotifications(crmContext(c, deps), c.req.query()), ({ items, ...page }) => ({
      notifications: items.map(one(c)),
      ...page,
    })),
  )
  routes.on('getNotification', {}, (c) =>
    respond(c, getNotification(crmContext(c, deps), c.req.param('notification_id') ?? ''), one(c)),
  )
  routes.on('markNotificationAsRead', {}, async (c) => {
    const result = markNotificationAsRead(crmContext(c, deps), c.req.param('notification_id') ?? '')
    return respond(c, await change(deps, result), one(c), true)
  })
  routes.on('markAllNotificationsAsRead', {}, async (c) =>
    respond(c, await change(deps, markAllNotificationsAsRead(crmContext(c, deps))), () => ({}), true),
  )
}
