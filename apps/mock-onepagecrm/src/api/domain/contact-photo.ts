import { type ApiResult, invalid, invalidOrMissing, notFound, ok, quotaExceeded } from './api-failures.js'
import type { AttachmentStorage } from './attachment-storage.js'
import { type JsonObject, unwrapBody } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { decodeImage } from './images.js'
import type { AttachmentRecord, ContactRecord } from './records.js'
import { removeAttachment } from './removal.js'
import { storageQuota } from './storage-quota.js'
import { isoSeconds } from './time.js'

// A contact's photo sent as base64 (the spec's createContactPhoto and updateContactPhoto,
// https://github.com/OnePageCRM/swagger): the documented alternative to an attachment with
// `reference_type: photo` (https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/). The
// image is stored in the S3 bucket as such an attachment would be, and becomes the contact's `photo_url`;
// "updating a contact photo will remove the existing photo". Like any file of the account, it counts
// against its storage (inferred).

/**
 * `POST` / `PUT /contacts/{id}/contact_photo` with `{"image": "<base64>"}`: a PNG or JPEG (the portal's
 * "Contact Photo"), else 400 naming `image` (inferred). Nothing is stored unless every check passes.
 */
export async function setContactPhoto(
  ctx: CrmContext,
  id: string,
  body: JsonObject,
  storage: AttachmentStorage,
): Promise<ApiResult<ContactRecord>> {
  if (!ctx.state.contacts.has(id)) return notFound('contact', id)
  const image = decodeImage(unwrapBody(body, 'contact').image)
  if (image === 'not-base64') return invalid({ image: invalidOrMissing('image') })
  if (image === 'unsupported-type') return invalid({ image: 'image must be a base64 encoded PNG or JPEG' })
  const { storage_left } = storageQuota(ctx.state, ctx.config)
  if (image.bytes.length > storage_left) return quotaExceeded(storage_left, image.bytes.length)
  const attachmentId = ctx.newId()
  const filename = `contact_photo.${image.extension}`
  // The upload form's key shape, {contact_id}/{timestamp}/{filename}, with the attachment's id for uniqueness.
  const key = `${id}/${ctx.now.getTime()}/${attachmentId}-${filename}`
  await storage.put(key, image.bytes, image.contentType, ctx.now)
  const contact = ctx.state.contacts.get(id)
  // Deleted while the image was being stored: the object stays in the bucket, as deleted files do.
  if (contact === undefined) return notFound('contact', id)
  removePhoto(ctx, contact)
  const attachment: AttachmentRecord = {
    id: attachmentId,
    contact_id: id,
    reference_type: 'photo',
    reference_id: id,
    key,
    filename,
    size: image.bytes.length,
    pinned_at: null,
    created_at: isoSeconds(ctx.now),
  }
  ctx.state.attachments.set(attachment.id, attachment)
  const updated: ContactRecord = {
    ...(ctx.state.contacts.get(id) as ContactRecord),
    photo_attachment_id: attachment.id,
    modified_at: isoSeconds(ctx.now),
  }
  ctx.state.contacts.set(id, updated)
  return ok(updated)
}

/**
 * `DELETE /contacts/{id}/contact_photo`: "photo_url is then empty. No placeholder or default avatar is
 * substituted" (the spec). A contact without a photo answers the same (inferred).
 */
export function deleteContactPhoto(ctx: CrmContext, id: string): ApiResult<ContactRecord> {
  const contact = ctx.state.contacts.get(id)
  if (contact === undefined) return notFound('contact', id)
  removePhoto(ctx, contact)
  const updated: ContactRecord = {
    ...(ctx.state.contacts.get(id) as ContactRecord),
    photo_attachment_id: undefined,
    modified_at: isoSeconds(ctx.now),
  }
  ctx.state.contacts.set(id, updated)
  return ok(updated)
}

/** Removes the contact's photo attachment, if it has one ("updating a contact photo will remove the existing photo"). */
function removePhoto(ctx: CrmContext, contact: ContactRecord): void {
  const photo =
    contact.photo_attachment_id === undefined
      ? undefined
      : ctx.state.attachments.get(contact.photo_attachment_id)
  if (photo !== undefined) removeAttachment(ctx.state, photo)
}
