import { ACTIVITY_TYPES, type ActivityType, type AttachmentRecord, type CrmState } from './records.js'
import { removeRelationshipsOf } from './relationships.js'

// Deletions that reach further than one record. Deleting a note deletes its attachments (the spec's
// `DELETE /notes/{id}`, https://github.com/OnePageCRM/swagger); the same holds for deals, calls, meetings,
// and a contact's whole tree.

/** Removes an attachment and whatever points at it (a contact's photo, a user's avatar). */
export function removeAttachment(state: CrmState, attachment: AttachmentRecord): void {
  state.attachments.delete(attachment.id)
  if (attachment.reference_type === 'photo' && attachment.reference_id !== null) {
    const contact = state.contacts.get(attachment.reference_id)
    if (contact?.photo_attachment_id === attachment.id) {
      state.contacts.set(contact.id, { ...contact, photo_attachment_id: undefined })
    }
  }
  if (attachment.reference_type === 'avatar' && attachment.reference_id !== null) {
    const user = state.users.get(attachment.reference_id)
    if (user?.avatar_attachment_id === attachment.id) {
      state.users.set(user.id, { ...user, avatar_attachment_id: undefined })
    }
  }
}

export function attachmentsOf(state: CrmState, type: ActivityType, id: string): AttachmentRecord[] {
  return [...state.attachments.values()].filter(
    (attachment) => attachment.reference_type === type && attachment.reference_id === id,
  )
}

export function removeActivity(state: CrmState, type: ActivityType, id: string): void {
  for (const attachment of attachmentsOf(state, type, id)) removeAttachment(state, attachment)
  state[type].delete(id)
  // A note linked to a deal that goes loses the link, as the spec's `linked_deal_id: null` allows.
  if (type === 'deal') {
    for (const note of state.note.values()) {
      if (note.linked_deal_id === id) state.note.set(note.id, { ...note, linked_deal_id: null })
    }
  }
}

/** A contact with its activities, its actions and every attachment that went through its upload form. */
export function removeContactCascade(state: CrmState, contactId: string): void {
  for (const type of ACTIVITY_TYPES) {
    for (const activity of [...state[type].values()]) {
      if (activity.contact_id === contactId) removeActivity(state, type, activity.id)
    }
  }
  for (const attachment of [...state.attachments.values()]) {
    if (attachment.contact_id === contactId) removeAttachment(state, attachment)
  }
  removeRelationshipsOf(state, contactId)
  // Its actions, deleted ones kept for undo included, and what users were notified of on it.
  for (const records of [state.actions, state.deleted_actions, state.notifications]) {
    for (const record of [...records.values()]) if (record.contact_id === contactId) records.delete(record.id)
  }
  state.contacts.delete(contactId)
}
