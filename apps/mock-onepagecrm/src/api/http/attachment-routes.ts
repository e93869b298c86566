import type { ApiDeps } from '../api-deps.js'
import { createAttachment, deleteAttachment, pinAttachment, renameAttachment } from '../domain/attachments.js'
import { ACTIVITY_TYPES } from '../domain/records.js'
import { createS3Form } from '../domain/s3-form.js'
import type { ApiContext } from './api-env.js'
import { respond } from './envelope.js'
import type { OperationRoutes } from './operation-routes.js'
import { change, changeWithBody, crmContext, viewContext } from './request-context.js'
import { attachmentView } from './views.js'

/**
 * The attachment flow (https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/): `s3_form`,
 * `POST /attachments` and its nested forms, rename, pin, unpin, delete. A create answers `data.attachment`;
 * the PATCHes answer the Attachment as `data` (the spec, https://github.com/OnePageCRM/swagger).
 */
/** The fields `POST /attachments` honours; `link_type` and `external_url` (links to Dropbox and the like) are not. */
const ATTACHMENT_FIELDS = ['reference_id', 'reference_type', 'contact_id', 'name', 'key', 'size']

const NESTED = { note: 'Note', deal: 'Deal', call: 'Call', meeting: 'Meeting' } as const

export function addAttachmentRoutes(routes: OperationRoutes, deps: ApiDeps): void {
  routes.on('getAttachmentUploadForm', { query: ['contact_id'] }, async (c) => {
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
  routes.on('createAttachment', { body: ATTACHMENT_FIELDS }, (c) => attach(c))
  for (const type of ACTIVITY_TYPES) {
    routes.on(`add${NESTED[type]}Attachment`, { body: ATTACHMENT_FIELDS }, (c) =>
      attach(c, { type, id: c.req.param(`${type}_id`) ?? '' }),
    )
  }
  routes.on('updateAttachment', { body: ['attachment'] }, async (c) => {
    const result = await changeWithBody(c, deps, (body) =>
      renameAttachment(crmContext(c, deps), c.req.param('attachment_id') ?? '', body),
    )
    return respond(c, result, (attachment) => attachmentView(viewContext(c, deps), attachment))
  })
  for (const [action, pinned] of [
    ['pin', true],
    ['unpin', false],
  ] as const) {
    routes.on(`${action}Attachment`, {}, async (c) =>
      respond(
        c,
        await change(deps, pinAttachment(crmContext(c, deps), c.req.param('attachment_id') ?? '', pinned)),
        (attachment) => attachmentView(viewContext(c, deps), attachment),
      ),
    )
  }
  routes.on('deleteAttachment', {}, async (c) =>
    respond(
      c,
      await change(deps, deleteAttachment(crmContext(c, deps), c.req.param('attachment_id') ?? '')),
      () => ({}),
    ),
  )
}
