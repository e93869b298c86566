import type { Row } from './state.js'

/**
 * The records besides leads, accounts, opportunities and products: the pipeline's deal stages, campaigns,
 * the opportunity–lead links, lists and their members, the account's users, managed clients, unsubscribe
 * categories, list tags, emails and email jobs, and the lead timeline's events. Each is kept as rows of
 * strings, as reads give them; timestamps (kept in UTC) may sit beside the columns a read shows.
 */
export const TABLE_NAMES = [
  'dealStage',
  'campaign',
  'opportunityLead',
  'list',
  'listMember',
  'userProfile',
  'client',
  'unsubscribeCategory',
  'listTag',
  'emailListing',
  'emailJob',
  'event',
] as const

export type TableName = (typeof TABLE_NAMES)[number]

export type Tables = { readonly [T in TableName]: Map<string, Row> }

export function createTables(): Tables {
  return Object.fromEntries(TABLE_NAMES.map((name) => [name, new Map<string, Row>()])) as unknown as Tables
}
