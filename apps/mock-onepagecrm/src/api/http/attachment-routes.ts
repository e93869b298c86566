import type { Hono } from 'hono'
import type { ApiDeps } from '../api-deps.js'
import { createAttachment, deleteAttachment, pinAttachment, renameAttachment } from '../domain/attachments.js'
import { ACTIVITY_TYPES } from '../domain/records.js'
import { createS3Form } from '../domain/s3-form.js'
import { PLURAL } from './activity-routes.js'
import type { ApiContext, ApiEnv } from './api-env.js'
import { respond } from './envelope.js'
import { change, changeWithBody, crmContext, viewContext } from './request-context.js'
import { attachmentView } from './views.js'

/**
 * The attachment flow (https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/): `s3_form`,
 * `POST /attachments` and its nested forms, rename, pin, unpin, delete. A create answers `data.attachment`;
 * the PATCHes answer the Attachment as `data` (the spec, https://github.com/OnePageCRM/swagger).
 */
export function addAttachmentRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  app.get('/attachments/s3_form', async (c) => {
    const result = await createS3Form(crmContext(c, deps), c.req.query('contact_id'), deps.storage)
    return respond(c, result, ({ policyDocument: _policy, ...form }) => form)
  })
  const attach = async (c: ApiContext, nested?: { type: (typeof ACTIVITY_TYPES)[number]; id: string }) => {
    const result = await changeWithBody(c, deps, (body) =>
      createAttachment(crmContext(c, deps), body, deps.storage, nested),
    )
    return respond(
      c,
      result,
      async (attachment) => ({ attachment: await attachmentView(viewContext(c, deps), attachment) }),
      true,
    )
  }
  app.post('/attachments', (c) => attach(c))
  for (const type of ACTIVITY_TYPES) {
    app.post(`/${PLURAL[type]}/:id/attachments`, (c) => attach(c, { type, id: c.req.param('id') ?? '' }))
  }
  app.patch('/attachments/:id', async (c) => {
    const result = await changeWithBody(c, deps, (body) =>
      renameAttachment(crmContext(c, deps), c.req.param('id') ?? '', body),
    )
    return respond(c, result, (attachment) => attachmentView(viewContext(c, deps), attachment))
  })
  for (const [action, pinned] of [
    ['pin', true],
    ['unpin', false],
  ] as const) {
    app.patch(`/attachments/:id/${action}`, async (c) =>
      respond(
        c,
        await change(deps, pinAttachment(crmContext(c, deps), c.req.param('id') ?? '', pinned)),
        (attachment) => attachmentView(viewContext(c, deps), attachment),
      ),
    )
  }
  app.delete('/attachments/:id', async (c) =>
    respond(
      c,
      await change(deps, deleteAttachment(crmContext(c, deps), c.req.param('id') ?? '')),
      () => ({}),
    ),
  )
}
