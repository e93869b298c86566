import { type ApiResult, notFound, ok } from './api-failures.js'
import type { CrmContext } from './crm-context.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import type { WebhookRecord } from './records.js'

// The account's webhooks (the spec's Webhook and its operations): made in the app (in crmkit, by a seed),
// listed, read and deleted through the API. crmkit never posts events to them: deleting one is all there
// is to "OnePageCRM stops posting events to its endpoint".

export const listWebhooks = (ctx: CrmContext, request: PageRequest): Page<WebhookRecord> =>
  paginate([...ctx.state.webhooks.values()], request)

export function getWebhook(ctx: CrmContext, id: string): ApiResult<WebhookRecord> {
  const webhook = ctx.state.webhooks.get(id)
  return webhook === undefined ? notFound('webhook', id) : ok(webhook)
}

export function deleteWebhook(ctx: CrmContext, id: string): ApiResult<WebhookRecord> {
  const found = getWebhook(ctx, id)
  if (found.ok) ctx.state.webhooks.delete(id)
  return found
}
