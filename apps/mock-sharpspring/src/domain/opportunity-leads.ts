import { failure } from './failure.js'
import type { TableSpec } from './table-spec.js'

/**
 * The links between an opportunity and its leads: `createOpportunityLeads`, `deleteOpportunityLeads`,
 * `getOpportunityLead` (result key `opportunityLead`), `getOpportunityLeads` (result key
 * `getWhereopportunityLeads`, paged with `hasMore` like the other `getWhere…` reads [INFER]) and
 * `getOpportunityLeadsDateRange` (`opportunityLead`) (dllobell/sharpspring-api, src/SharpspringClient.php;
 * rmuit/sharpspring-restapi, src/Connection.php; SAMPLE getOpportunityLeadsDateRange). There is no update.
 */
export const OPPORTUNITY_LEADS: TableSpec = {
  table: 'opportunityLead',
  singular: 'OpportunityLead',
  plural: 'OpportunityLeads',
  resultKey: 'opportunityLead',
  listKey: 'getWhereopportunityLeads',
  columns: [
    { name: 'id', kind: 'id' },
    { name: 'opportunityID', kind: 'id' },
    { name: 'leadID', kind: 'id' },
  ],
  required: ['opportunityID', 'leadID'],
  defaults: {},
  whereKeys: ['id', 'opportunityID', 'leadID'],
  // Both ends must exist, and a lead is linked to an opportunity once [INFER].
  check: (ctx, values) => {
    const opportunityID = values.opportunityID ?? ''
    const leadID = values.leadID ?? ''
    if (!ctx.state.objects.opportunity.has(opportunityID))
      return failure(205, { field: 'opportunityID', reason: 'no such opportunity' })
    if (!ctx.state.objects.lead.has(leadID)) return failure(205, { field: 'leadID', reason: 'no such lead' })
    for (const link of ctx.state.tables.opportunityLead.values())
      if (link.opportunityID === opportunityID && link.leadID === leadID) return failure(301)
    return undefined
  },
}
