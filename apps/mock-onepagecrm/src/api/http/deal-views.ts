import { COST_SETUP } from '../domain/account-defaults.js'
import type { CrmState, DealRecord } from '../domain/records.js'
import { fieldView } from './field-views.js'

/** Money to the cent, so `amount - cost` reads 0.1, not 0.09999999999999998 (inferred rounding). */
const money = (value: number) => Math.round(value * 100) / 100

/**
 * What the spec's Deal adds to a deal's stored fields: the read-only sums (`margin` is `amount` minus `cost`,
 * `total_amount` and `total_cost` times `months`), the commission fields at their documented defaults (not
 * emulated: no deal has one), deal field values with their fields, no deal items, and the contact's and the
 * owner's names. `linked_contacts` are the deal's other contacts, which the API cannot link.
 */
export function dealDetails(state: CrmState, deal: DealRecord) {
  const contact = state.contacts.get(deal.contact_id)
  const owner = state.users.get(deal.owner_id)
  return {
    pipeline_id: deal.pipeline_id,
    months: deal.months,
    cost: deal.cost,
    margin: money(deal.amount - deal.cost),
    total_amount: money(deal.amount * deal.months),
    total_cost: money(deal.cost * deal.months),
    commission_base: COST_SETUP.commission_base,
    commission_type: 'none' as const,
    commission: 0,
    commission_percentage: 0,
    deal_fields: deal.deal_fields.flatMap(({ id, value }) => {
      const field = state.deal_fields.get(id)
      return field === undefined ? [] : [{ deal_field: fieldView('deal_fields', field), value }]
    }),
    has_deal_items: false,
    deal_items: [],
    contact_info: {
      contact_name: [contact?.first_name, contact?.last_name].filter(Boolean).join(' '),
      company: contact?.company_name ?? '',
    },
    owner: {
      id: deal.owner_id,
      name: [owner?.first_name, owner?.last_name].filter(Boolean).join(' '),
      email: owner?.email ?? '',
    },
    linked_contacts: [],
  }
}
