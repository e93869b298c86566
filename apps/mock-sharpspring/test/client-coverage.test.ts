import { describe, expect, it } from 'vitest'
import { METHODS } from '../src/domain/dispatch.js'
import { rpcApp } from './rpc-app.js'

// Every method name the two public PHP clients written against the real service call:
// dllobell/sharpspring-api, src/SharpspringClient.php, and rmuit/sharpspring-restapi, src/Connection.php.
const DLLOBELL = [
  'createAccounts',
  'deleteAccounts',
  'getAccount',
  'getAccounts',
  'getAccountsDateRange',
  'updateAccounts',
  'createCampaigns',
  'deleteCampaigns',
  'getCampaign',
  'getCampaigns',
  'getCampaignsDateRange',
  'updateCampaigns',
  'getClients',
  'createDealStages',
  'deleteDealStages',
  'getDealStage',
  'getDealStages',
  'getDealStagesDateRange',
  'createEmail',
  'deleteEmail',
  'getEmail',
  'getEmailListing',
  'updateEmail',
  'createFields',
  'deleteFields',
  'getFields',
  'updateFields',
  'getListTags',
  'createLeads',
  'deleteLeads',
  'getLead',
  'getLeads',
  'getLeadsDateRange',
  'subscribeToLeadUpdates',
  'updateLeads',
  'updateLeadsV2',
  'deleteList',
  'getActiveLists',
  'addListMember',
  'addListMemberEmailAddress',
  'addListMembers',
  'addListMembersEmailAddress',
  'getContactListMemberships',
  'createOpportunities',
  'deleteOpportunities',
  'getOpportunities',
  'getOpportunitiesDateRange',
  'getOpportunity',
  'updateOpportunities',
  'createOpportunityLeads',
  'deleteOpportunityLeads',
  'getOpportunityLead',
  'getOpportunityLeads',
  'getOpportunityLeadsDateRange',
  'getUserProfiles',
]
const RMUIT = [
  'createLeads',
  'updateLeads',
  'deleteLeads',
  'getLead',
  'getLeads',
  'getLeadsDateRange',
  'getFields',
  'getAccount',
  'getAccounts',
  'getAccountsDateRange',
  'getCampaign',
  'getCampaigns',
  'getCampaignsDateRange',
  'getClients',
  'getDealStage',
  'getDealStages',
  'getDealStagesDateRange',
  'getEmailListing',
  'getEmailJobs',
  'getActiveLists',
  'getListMembers',
  'getRemovedListMembers',
  'getUnsubscribeCategories',
  'getLeadTimeline',
  'getOpportunity',
  'getOpportunities',
  'getOpportunityLeads',
  'getOpportunityLeadsDateRange',
]
/** The ones the mock does not emulate (README, "What public clients call"). */
const NOT_EMULATED = ['createEmail', 'deleteEmail', 'getEmail', 'subscribeToLeadUpdates', 'updateEmail']

describe('what the public clients call', () => {
  const names = [...new Set([...DLLOBELL, ...RMUIT])]

  it('is 60 names, of which the mock emulates all but five', () => {
    expect(names).toHaveLength(60)
    expect(names.filter((name) => !METHODS.has(name)).sort()).toEqual(NOT_EMULATED)
  })

  it('answers the five with 204 naming them as not emulated', async () => {
    const api = await rpcApp()
    for (const method of NOT_EMULATED) {
      const answer = await api.call(method, {})
      expect(answer.error).toMatchObject({
        code: 204,
        data: { method, reason: `${method} is not emulated by crmkit` },
      })
    }
  })
})
