import type { RelationshipRecord, RelationshipTypeRecord } from '../domain/records.js'
import { isSymmetrical } from '../domain/relationship-types.js'
import { photoUrl, type ViewContext } from './views.js'

// Relationship types and relationships as the spec's Relationship_Type, Relationship and Related_contact
// render them (https://github.com/OnePageCRM/swagger).

export const relationshipTypeView = (type: RelationshipTypeRecord) => ({
  id: type.id,
  symmetrical: isSymmetrical(type),
  relationship_variants: type.variants.map(({ id, name }) => ({ id, name })),
  created_at: type.created_at,
  modified_at: type.modified_at,
})

/** Each end with its variant's name and its contact's names, photo, company and owner. */
export async function relationshipView(view: ViewContext, relationship: RelationshipRecord) {
  const { state } = view.deps
  const type = state.relationship_types.get(relationship.relationship_type_id)
  return {
    id: relationship.id,
    relationship_type_id: relationship.relationship_type_id,
    related_contacts: await Promise.all(
      relationship.related_contacts.map(async ({ contact_id, variant_id }) => {
        const contact = state.contacts.get(contact_id)
        return {
          variant_id,
          variant_name: type?.variants.find((variant) => variant.id === variant_id)?.name ?? '',
          contact_id,
          first_name: contact?.first_name ?? '',
          last_name: contact?.last_name ?? '',
          photo_url: await photoUrl(view, contact?.photo_attachment_id),
          company_name: contact?.company_name ?? '',
          owner_id: contact?.owner_id ?? '',
        }
      }),
    ),
    created_at: relationship.created_at,
    modified_at: relationship.modified_at,
  }
}
