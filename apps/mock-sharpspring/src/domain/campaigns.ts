import type { TableSpec } from './table-spec.js'

/**
 * Campaigns, the marketing projects leads and opportunities point at (`campaignID`): `createCampaigns`,
 * `updateCampaigns`, `deleteCampaigns`, `getCampaign`, `getCampaigns`, `getCampaignsDateRange`, result key
 * `campaign` (dllobell/sharpspring-api, src/SharpspringClient.php; rmuit/sharpspring-restapi,
 * src/Connection.php). Columns as SharpSpring's createCampaigns sample sends them and its
 * getCampaignsDateRange sample reads them: money with two decimals, dates as `Y-m-d` [SAMPLE].
 */
export const CAMPAIGNS: TableSpec = {
  table: 'campaign',
  singular: 'Campaign',
  plural: 'Campaigns',
  resultKey: 'campaign',
  columns: [
    { name: 'id', kind: 'id' },
    { name: 'campaignName', kind: 'text' },
    { name: 'campaignType', kind: 'text', nullable: true },
    { name: 'campaignAlias', kind: 'text', nullable: true },
    { name: 'campaignOrigin', kind: 'text', nullable: true },
    { name: 'qty', kind: 'integer', min: 0 },
    { name: 'price', kind: 'money' },
    { name: 'goal', kind: 'money' },
    { name: 'otherCosts', kind: 'money' },
    { name: 'startDate', kind: 'date', nullable: true },
    { name: 'endDate', kind: 'date', nullable: true },
    { name: 'isActive', kind: 'flag' },
  ],
  // A campaign has a name [INFER]; the rest reads as the sample's app-made campaigns do [SAMPLE].
  required: ['campaignName'],
  defaults: {
    campaignOrigin: 'SharpSpring',
    qty: '0',
    price: '0.00',
    goal: '0.00',
    otherCosts: '0.00',
    isActive: '1',
  },
  // `where.id` [CLIENT rmuit]; no other key is documented for campaigns.
  whereKeys: ['id'],
}
