import { type ApiResult, invalid, invalidOrMissing, notFound, ok, quotaExceeded } from './api-failures.js'
import type { AttachmentStorage } from './attachment-storage.js'
import { BodyFields, type JsonObject, unwrapBody } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { type Page, type PageRequest, paginate } from './paging.js'
import { ACTIVITY_TYPES, type ActivityType, type AttachmentRecord, type ReferenceType } from './records.js'
import { removeAttachment } from './removal.js'
import { storageQuota } from './storage-quota.js'
import { isoSeconds } from './time.js'

/**
 * The spec's `deal, note, call, meeting`, and the three the 2024 upload tutorial adds
 * (https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/), whose reference is inferred:
 * `photo` the contact itself, `avatar` the calling user, `account_document` none.
 */
const REFERENCE_TYPES: readonly ReferenceType[] = [...ACTIVITY_TYPES, 'photo', 'avatar', 'account_document']

/** A reference fixed by the route: `POST /notes/{id}/attachments` and its siblings. */
export interface NestedReference {
  readonly type: ActivityType
  readonly id: string
}

/**
 * `POST /attachments`: registers a file already uploaded through `s3_form` (the spec; the rules are listed in
 * FIDELITY.md, OnePageCRM "Attachments"). Each rule below answers 400 `invalid_request_data` naming the
 * field, a missing reference or contact 404, and a file larger than the storage left 403; nothing is recorded
 * or charged unless every rule passes.
 */
export async function createAttachment(
  ctx: CrmContext,
  body: JsonObject,
  storage: AttachmentStorage,
  nested?: NestedReference,
): Promise<ApiResult<AttachmentRecord>> {
  const fields = new BodyFields(unwrapBody(body, 'attachment'))
  const type: ReferenceType | undefined = nested?.type ?? fields.choice('reference_type', REFERENCE_TYPES)
  if (nested === undefined && type === undefined && !fields.has('reference_type')) {
    fields.fail('reference_type', invalidOrMissing('reference_type'))
  }
  if (nested !== undefined && fields.has('reference_type') && body.reference_type !== nested.type) {
    fields.fail('reference_type', `reference_type must be ${nested.type} on this route`)
  }
  const key = fields.string('key', { required: true })
  const bodyReferenceId = fields.id('reference_id')
  const bodyContactId = fields.id('contact_id')
  const name = fields.string('name')
  const size = fields.number('size', { integer: true, min: 0 })
  if (!fields.valid || type === undefined || key === undefined) return invalid(fields.errors)

  // The reference, and the contact whose upload form the key went through.
  const reference = resolveReference(ctx, type, nested?.id ?? bodyReferenceId, bodyContactId)
  if (!reference.ok) return reference
  const { referenceId, contactId } = reference.value

  // The key: {contact_id}/{timestamp}/{filename} (spec, s3_form and createAttachment).
  const match = /^([0-9a-f]{24})\/(\d+)\/([^/]+)$/.exec(key)
  if (match === null || match[1] !== contactId) {
    return invalid({ key: `key must have the form ${contactId}/{timestamp}/{filename}` })
  }
  const filename = match[3] as string
  if (name !== undefined && name !== filename) {
    return invalid({ name: `name must be the filename at the end of key (${filename})` })
  }
  const stored = await storage.head(key)
  if (stored === undefined) return invalid({ key: 'no file has been uploaded with this key' })
  if (size !== undefined && size !== stored.size) {
    return invalid({ size: `size must be the uploaded file's size (${stored.size} bytes)` })
  }
  for (const attachment of ctx.state.attachments.values()) {
    if (attachment.key === key) return invalid({ key: 'this file is already attached' })
  }
  const { storage_left } = storageQuota(ctx.state, ctx.config)
  if (stored.size > storage_left) return quotaExceeded(storage_left, stored.size)

  const attachment: AttachmentRecord = {
    id: ctx.newId(),
    contact_id: contactId,
    reference_type: type,
    reference_id: referenceId,
    key,
    filename,
    size: stored.size,
    pinned_at: null,
    created_at: isoSeconds(ctx.now),
  }
  ctx.state.attachments.set(attachment.id, attachment)
  if (type === 'photo') {
    const contact = ctx.state.contacts.get(contactId)
    if (contact !== undefined)
      ctx.state.contacts.set(contactId, { ...contact, photo_attachment_id: attachment.id })
  }
  if (type === 'avatar')
    ctx.state.users.set(ctx.user.id, { ...ctx.user, avatar_attachment_id: attachment.id })
  return ok(attachment)
}

function resolveReference(
  ctx: CrmContext,
  type: ReferenceType,
  referenceId: string | undefined,
  contactId: string | undefined,
): ApiResult<{ referenceId: string | null; contactId: string }> {
  if (contactId !== undefined && !ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  if (type === 'photo') {
    // The photo's reference is the contact; either id may be given, and they must agree.
    const id = referenceId ?? contactId
    if (id === undefined) return invalid({ contact_id: invalidOrMissing('contact_id') })
    if (!ctx.state.contacts.has(id)) return notFound('contact', id)
    if (contactId !== undefined && contactId !== id) {
      return invalid({ reference_id: 'reference_id must be the contact_id for a photo' })
    }
    return ok({ referenceId: id, contactId: id })
  }
  if (type === 'avatar' || type === 'account_document') {
    if (contactId === undefined) return invalid({ contact_id: invalidOrMissing('contact_id') })
    if (type === 'avatar' && referenceId !== undefined && referenceId !== ctx.user.id) {
      return invalid({ reference_id: 'an avatar can only be set for the calling user' })
    }
    return ok({ referenceId: type === 'avatar' ? ctx.user.id : null, contactId })
  }
  if (referenceId === undefined) return invalid({ reference_id: invalidOrMissing('reference_id') })
  const record = ctx.state[type].get(referenceId)
  if (record === undefined) return notFound(type, referenceId)
  if (contactId !== undefined && record.contact_id !== contactId) {
    return invalid({ reference_id: `this ${type} belongs to another contact` })
  }
  return ok({ referenceId, contactId: record.contact_id })
}

/** `PATCH /attachments/{id}` with `{"attachment":{"custom_filename":".."}}`; a set name cannot be cleared. */
export function renameAttachment(ctx: CrmContext, id: string, body: JsonObject): ApiResult<AttachmentRecord> {
  const attachment = ctx.state.attachments.get(id)
  if (attachment === undefined) return notFound('attachment', id)
  const fields = new BodyFields(unwrapBody(body, 'attachment'))
  const customFilename = fields.string('custom_filename', { required: true, max: 255 })
  if (!fields.valid || customFilename === undefined || customFilename === '') {
    return invalid({ custom_filename: invalidOrMissing('custom_filename') })
  }
  const renamed = { ...attachment, custom_filename: customFilename }
  ctx.state.attachments.set(id, renamed)
  return ok(renamed)
}

/** `PATCH /attachments/{id}/pin` and `/unpin`. Pinning a pinned file keeps its `pinned_at`. */
export function pinAttachment(ctx: CrmContext, id: string, pinned: boolean): ApiResult<AttachmentRecord> {
  const attachment = ctx.state.attachments.get(id)
  if (attachment === undefined) return notFound('attachment', id)
  const pinnedAt = pinned ? (attachment.pinned_at ?? isoSeconds(ctx.now)) : null
  const updated = { ...attachment, pinned_at: pinnedAt }
  ctx.state.attachments.set(id, updated)
  return ok(updated)
}

/** `DELETE /attachments/{id}`: gone from the API at once; the S3 copy is retained (spec). */
export function deleteAttachment(ctx: CrmContext, id: string): ApiResult<AttachmentRecord> {
  const attachment = ctx.state.attachments.get(id)
  if (attachment === undefined) return notFound('attachment', id)
  removeAttachment(ctx.state, attachment)
  return ok(attachment)
}

/** `GET /contacts/{id}/pinned_attachments`: most recently pinned first, paginated (spec). */
export function pinnedAttachments(
  ctx: CrmContext,
  contactId: string,
  request: PageRequest,
): ApiResult<Page<AttachmentRecord>> {
  if (!ctx.state.contacts.has(contactId)) return notFound('contact', contactId)
  const pinned = [...ctx.state.attachments.values()]
    .filter((attachment) => attachment.contact_id === contactId && attachment.pinned_at !== null)
    .sort((a, b) => (b.pinned_at ?? '').localeCompare(a.pinned_at ?? ''))
  return ok(paginate(pinned, request))
}
