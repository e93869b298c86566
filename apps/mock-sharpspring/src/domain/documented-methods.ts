/**
 * Methods SharpSpring documents that the mock does not emulate: a call to one is refused with 204, as for an
 * unknown name, but its `data` says it is not emulated by crmkit rather than that it does not exist.
 * The names are those of SharpSpring's method list
 * (https://knowledgebase.constantcontact.com/lead-gen-crm/articles/KnowledgeBase/50564-Understanding-Lead-Gen--CRM-Open-API-Methods?lang=en_US)
 * and of the public clients (dllobell/sharpspring-api, src/SharpspringClient.php: the email methods and
 * `subscribeToLeadUpdates`, which would POST leads to the caller's URL).
 */
export const DOCUMENTED_NOT_EMULATED: ReadonlySet<string> = new Set([
  // Leads, accounts, opportunities
  'subscribeToLeadUpdates',
  'getLeadListMemberships',
  'getRelatedLeadsByEmail',
  'updateAccountSendLimit',
  'disableAccountSending',
  'enableAccountSending',
  // List members
  'getListMemberships',
  'removeListMembersAll',
  // Emails and their sends
  'createEmail',
  'getEmail',
  'updateEmail',
  'deleteEmail',
  'getEmailSendStatus',
  'getScheduleSends',
  'getScheduleSendStatus',
  'deleteScheduleSend',
  'getSendCount',
  'getEmailEvents',
  'getEmailSendEvents',
  'getEmailSend',
  'createSendMail',
  'createEmailVariable',
  'createEmailVariables',
  'addEmailVariable',
  'setEmailVariable',
  'getEmailVariables',
  'deleteEmailVariable',
  // Folders, notes, tasks
  'createFolder',
  'createFolders',
  'getFolders',
  'updateFolder',
  'deleteFolder',
  'createNotes',
  'updateNotes',
  'deleteNotes',
  'getContactNotes',
  'getContactsNotes',
  'getAccountNotes',
  'getAccountsNotes',
  'getOpportunityNotes',
  'getOpportunitiesNotes',
  'createTasks',
  'getTasks',
  'updateTasks',
  'deleteTasks',
  // Products by one, clients, events
  'createProduct',
  'updateProduct',
  'deleteProduct',
  'createClient',
  'updateClient',
  'getEventsbyType',
  'logCalls',
])
