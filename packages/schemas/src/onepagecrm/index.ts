export { type Call, call, type Deal, deal, type Meeting, meeting, type Note, note } from './activities.js'
export {
  type Attachment,
  attachment,
  type CreateAttachmentRequest,
  createAttachmentData,
  createAttachmentRequest,
  type ReferenceType,
  referenceType,
} from './attachment.js'
export { bsonId, date, dateTime, unixTimestamp } from './common.js'
export { address, type Company, company } from './company.js'
export { type Contact, type ContactEntry, contact, contactEntry, typedAddress } from './contact.js'
export {
  type ErrorEnvelope,
  errorEnvelope,
  pageData,
  pageEntry,
  pageOf,
  successEnvelope,
} from './envelope.js'
export { type S3FormData, s3FormData } from './s3-form.js'
export { type BootstrapData, bootstrapData, type User, user } from './user.js'
