import { newestFirst, type RecordGroup, type ServiceInspection } from '@crmkit/mock-kit'
import { S3_SERVICE } from '../s3/app.js'
import type { ApiConfig } from './domain/api-config.js'
import type { AttachmentStorage } from './domain/attachment-storage.js'
import type { ContactRecord, CrmState } from './domain/records.js'
import { storageQuota } from './domain/storage-quota.js'

const REDACTED = '[redacted]'

/**
 * What the inspector shows of the OnePageCRM API: users (API keys redacted), contacts, notes, deals and
 * attachments newest first, the account's storage quota and what each contact's attachments use of it; and,
 * for the S3 emulator's listing, which record each object of the attachment bucket belongs to. It only reads
 * the state.
 */
export function inspectOnePageCrm(
  state: CrmState,
  config: ApiConfig,
  storage: Pick<AttachmentStorage, 'bucket'>,
): ServiceInspection {
  const contactName = (id: string) => nameOf(state.contacts.get(id)) ?? id
  return {
    records(limit): RecordGroup[] {
      const group = <T extends object>(
        name: string,
        title: string,
        rows: Map<string, T>,
        columns: string[],
        view: (row: T) => object = (row) => row,
      ): RecordGroup => ({
        name,
        title,
        total: rows.size,
        columns,
        rows: newestFirst(rows.values(), limit).map(view),
      })
      const quota = storageQuota(state, config)
      const byContact = new Map<
        string,
        { contact_id: string; contact: string; attachments: number; bytes: number }
      >()
      for (const attachment of state.attachments.values()) {
        const used = byContact.get(attachment.contact_id) ?? {
          contact_id: attachment.contact_id,
          contact: contactName(attachment.contact_id),
          attachments: 0,
          bytes: 0,
        }
        byContact.set(attachment.contact_id, {
          ...used,
          attachments: used.attachments + 1,
          bytes: used.bytes + attachment.size,
        })
      }
      return [
        group('contacts', 'Contacts', state.contacts, [
          'id',
          'first_name',
          'last_name',
          'company_name',
          'owner_id',
          'photo_attachment_id',
          'modified_at',
        ]),
        group('notes', 'Notes', state.note, ['id', 'contact_id', 'author_id', 'text', 'date', 'created_at']),
        group('deals', 'Deals', state.deal, ['id', 'contact_id', 'name', 'amount', 'status', 'created_at']),
        group('attachments', 'Attachments', state.attachments, [
          'id',
          'contact_id',
          'reference_type',
          'reference_id',
          'filename',
          'size',
          'key',
          'created_at',
        ]),
        {
          name: 'storage',
          title:
            'Storage quota (the account: 1 GB per user, less every attachment and what a seed uses elsewhere)',
          total: 1,
          columns: ['quota', 'used', 'storage_left', 'display_quota', 'users'],
          rows: [{ ...quota, users: state.users.size }],
        },
        {
          name: 'storage-by-contact',
          title: "Storage used by each contact's attachments",
          total: byContact.size,
          columns: ['contact_id', 'contact', 'attachments', 'bytes'],
          rows: [...byContact.values()].sort((a, b) => b.bytes - a.bytes).slice(0, limit),
        },
        group(
          'users',
          'Users',
          state.users,
          ['id', 'first_name', 'last_name', 'email', 'company_name', 'avatar_attachment_id'],
          // The API key is the user's password (HTTP Basic): never shown.
          (user) => ({ ...user, api_key: REDACTED }),
        ),
      ]
    },
    fileReferences() {
      const object = (key: string) => `${storage.bucket}/${key}`
      const references = [...state.attachments.values()].map((attachment) => ({
        service: S3_SERVICE,
        id: object(attachment.key),
        belongsTo: `attachment ${attachment.id} (${attachment.reference_type}${
          attachment.reference_id === null || attachment.reference_type === 'photo'
            ? ''
            : ` ${attachment.reference_id}`
        }) of ${contactName(attachment.contact_id)}`,
      }))
      for (const company of state.companies.values())
        if (company.logo_key !== null)
          references.push({
            service: S3_SERVICE,
            id: object(company.logo_key),
            belongsTo: `logo of ${company.name}`,
          })
      return references
    },
  }
}

const nameOf = (contact: ContactRecord | undefined) =>
  contact === undefined ? undefined : `${contact.first_name} ${contact.last_name}`.trim() || contact.id
