/**
 * The objects the API reads and writes in bulk, and what differs between them: fields from the Schema
 * article, behaviour from the public clients (FIDELITY.md, SharpSpring).
 * https://help.sharpspring.com/hc/en-us/articles/115003079951-Understanding-SharpSpring-Open-API-Schema
 */
export type ObjectType = 'lead' | 'account' | 'opportunity' | 'product'

export interface ObjectTypeSpec {
  readonly type: ObjectType
  /** `createLeads`, `getLeads`…: the plural of method names. */
  readonly plural: string
  /** `getLead`…: the singular of method names. */
  readonly singular: string
  /** Standard fields, in the order reads list them (custom fields follow). */
  readonly standard: readonly string[]
  /** Standard fields a create must set. */
  readonly required: readonly string[]
  /** Standard fields that may be set to null (the rest refuse null with 205). */
  readonly nullable: readonly string[]
  /** Keys `get{Plural}`'s `where` accepts. */
  readonly whereKeys: readonly string[]
  /** Of those, the keys that may hold a list of values. */
  readonly whereLists: readonly string[]
}

const TIMESTAMPS = ['createTimestamp', 'updateTimestamp']

export const OBJECT_TYPES: { readonly [T in ObjectType]: ObjectTypeSpec } = {
  // [DOC] Leads schema; leadStatus values and nullables [CLIENT rmuit].
  lead: {
    type: 'lead',
    plural: 'Leads',
    singular: 'Lead',
    standard: [
      'id',
      'accountID',
      'ownerID',
      'campaignID',
      'leadStatus',
      'leadScore',
      'leadScoreWeighted',
      'persona',
      'active',
      'firstName',
      'lastName',
      'emailAddress',
      'companyName',
      'title',
      'street',
      'city',
      'country',
      'state',
      'zipcode',
      'website',
      'phoneNumber',
      'trackingID',
      'officePhoneNumber',
      'phoneNumberExtension',
      'mobilePhoneNumber',
      'faxNumber',
      'description',
      'industry',
      'isUnsubscribed',
      ...TIMESTAMPS,
    ],
    required: ['emailAddress'],
    nullable: ['accountID', 'ownerID', 'campaignID', 'isUnsubscribed', 'active'],
    // `list<id>` [DOC, as dllobell/sharpspring-api quotes the getLeads method]
    whereKeys: ['id', 'emailAddress'],
    whereLists: ['id'],
  },
  // [DOC] Accounts schema (+ fax per dllobell).
  account: {
    type: 'account',
    plural: 'Accounts',
    singular: 'Account',
    standard: [
      'id',
      'ownerID',
      'accountName',
      'industry',
      'phone',
      'fax',
      'annualRevenue',
      'numberOfEmployees',
      'website',
      'yearStarted',
      'billingCity',
      'billingCountry',
      'billingPostalCode',
      'billingState',
      'billingStreetAddress',
      'shippingCity',
      'shippingCountry',
      'shippingPostalCode',
      'shippingState',
      'shippingStreetAddress',
      ...TIMESTAMPS,
    ],
    required: ['accountName'],
    nullable: ['ownerID'],
    whereKeys: ['id', 'ownerID'],
    whereLists: [],
  },
  // [DOC] Opportunities schema.
  opportunity: {
    type: 'opportunity',
    plural: 'Opportunities',
    singular: 'Opportunity',
    standard: [
      'id',
      'ownerID',
      'dealStageID',
      'accountID',
      'campaignID',
      'opportunityName',
      'probability',
      'amount',
      'isClosed',
      'isWon',
      'isActive',
      'closeDate',
      'originatingLeadID',
      'primaryLeadID',
      ...TIMESTAMPS,
    ],
    required: ['ownerID', 'dealStageID', 'opportunityName', 'closeDate'],
    nullable: ['accountID', 'campaignID', 'originatingLeadID', 'primaryLeadID'],
    whereKeys: ['id', 'ownerID', 'dealStageID', 'accountID', 'campaignID'],
    whereLists: [],
  },
  // [INFER] No public product methods are documented; products follow the pattern of the others
  // (FIDELITY.md, SharpSpring "Products").
  product: {
    type: 'product',
    plural: 'Products',
    singular: 'Product',
    standard: [
      'id',
      'productName',
      'productType',
      'itemCode',
      'productURL',
      'category',
      'price',
      'description',
      'isActive',
      'imageURL',
      ...TIMESTAMPS,
    ],
    required: ['productName'],
    nullable: [],
    whereKeys: ['id', 'productName', 'isActive'],
    whereLists: [],
  },
}

/** Fields no write may set: the id is the server's, timestamps are the server's, imageURL comes from uploads. */
export const READ_ONLY = new Set(['id', 'createTimestamp', 'updateTimestamp', 'imageURL'])

/** `leadStatus` values; a create defaults to `unqualified`, others are refused [CLIENT rmuit/dllobell]. */
export const LEAD_STATUSES = ['unqualified', 'open', 'qualified', 'contact', 'contactWithOpp', 'customer']
