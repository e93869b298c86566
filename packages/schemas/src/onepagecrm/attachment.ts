import { z } from 'zod'
import { bsonId, dateTime } from './common.js'

/**
 * `Attachment`. The documented object carries no reference, contact or creation time; `custom_filename`
 * appears once one is set, `pinned_at` is null while not pinned, and `thumbnail` only for previewable files.
 */
export const attachment = z.strictObject({
  id: bsonId,
  filename: z.string().min(1),
  custom_filename: z.string().min(1).optional(),
  pinned: z.boolean(),
  pinned_at: dateTime.nullable(),
  size: z.number().int().nonnegative(),
  storage_provider: z.enum(['amazon', 'google_drive', 'dropbox', 'evernote']),
  url: z.url(),
  url_expires_at: dateTime,
  thumbnail: z.strictObject({ url: z.url() }).optional(),
})

export type Attachment = z.infer<typeof attachment>

/** `data` of a `POST /attachments` answer (201 `Created`). */
export const createAttachmentData = z.strictObject({ attachment })

/** Where an attachment can hang: the spec's enum, and the three the 2024 upload tutorial adds. */
export const referenceType = z.enum([
  'deal',
  'note',
  'call',
  'meeting',
  'photo',
  'avatar',
  'account_document',
])

export type ReferenceType = z.infer<typeof referenceType>

/** The body of `POST /attachments` (`createAttachment`); the nested routes take the reference from the path. */
export const createAttachmentRequest = z.object({
  reference_id: bsonId.optional(),
  reference_type: referenceType,
  contact_id: bsonId.optional(),
  name: z.string().optional(),
  key: z.string(),
  size: z.number().int().nonnegative().optional(),
  link_type: z.enum(['dropbox', 'google_drive', 'evernote']).nullable().optional(),
  external_url: z.string().nullable().optional(),
})

export type CreateAttachmentRequest = z.infer<typeof createAttachmentRequest>
