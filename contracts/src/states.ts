// Provider states as sentences, shared by the consumer tests (which name them) and the provider tests
// (which set them up through the mocks' own seed, reset and fault APIs), so the two cannot drift apart.

export const SHARPSPRING_STATES = {
  leadsWithFileField: 'leads exist with a File Upload field',
  productExists: 'a product exists',
  account: 'the account exists',
} as const

export const ONEPAGECRM_STATES = {
  contactWithNote: 'a contact exists with a note',
  fileUploaded: 'a file was uploaded to S3 through the contact upload form',
  throttling: 'the API is throttling requests',
} as const

export const S3_STATES = {
  formInDate: 'a POST policy signed with the emulator credentials is in date',
  formExpired: 'a POST policy signed with the emulator credentials has expired',
} as const
