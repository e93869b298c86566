import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
} from '@crmkit/mock-onepagecrm'

// The values both sides of the contracts agree on. The consumer tests record them; the provider tests start
// the mocks with them. None is a real credential: the SharpSpring pair is made up, the OnePageCRM user is the
// one in OnePageCRM's OpenAPI document, the S3 key pair is the AWS documentation's example.

export const SHARPSPRING = {
  accountId: 'contract-account-7f3a',
  secretKey: 'contract-secret-0b9e',
  /** A File Upload custom field of leads, as a seed names it (the API would add a uniqid). */
  leadFileField: 'contract_documents_5f0c',
  leadIds: [411000001, 411000002] as const,
  /** A lead id no state creates: an object-level 404. */
  missingLeadId: 411999999,
  productId: 511000001,
} as const

export const ONEPAGECRM = {
  userId: '5aba31e99007ba0f570c12f7',
  apiKey: 'c+g0Y3VGHdIztKbHcjVcOuwf34EmFlXI9Qot5hTvb2F=',
  contactId: '5ae06ef9d55673108fe8877f',
  noteId: '5afc1b69d556730b580596cb',
  /** A well-formed id of no contact. */
  missingContactId: '5ae06ef9d55673108fe80000',
} as const

export const S3 = {
  // The emulator's defaults: the AWS documentation's example key pair, OnePageCRM's region and bucket.
  accessKeyId: DEFAULT_ACCESS_KEY_ID,
  secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
  region: DEFAULT_REGION,
  bucket: DEFAULT_BUCKET,
  /** A second bucket of the emulator: a form posted here breaks its policy's bucket condition. */
  otherBucket: 'crmkit-contracts-other',
  /**
   * When the consumer tests sign their POST policies, and the client's clock then. The provider states put
   * the emulator's clock back to this hour, so the recorded signatures and expiry hold at any later date.
   */
  signedAt: '2026-01-15T09:00:00.000Z',
  clientNow: '2026-01-15T09:01:40.000Z',
  /** The client's random digits under the millisecond in a key's stamp (`<Unix ms><6 digits>`). */
  clientRandom: 42,
  /** The policies' lifetime, as OnePageCRM gives its forms. */
  lifetimeSeconds: 3600,
} as const

/** The stamp the client puts in an object key at `S3.clientNow` with `S3.clientRandom`: Unix ms, 6 digits. */
export const KEY_STAMP = `${Date.parse(S3.clientNow)}${String(S3.clientRandom).padStart(6, '0')}`

/** A stamp back into the clock and the random digits that make it (the provider state's upload). */
export const readKeyStamp = (stamp: string) => ({
  clock: () => new Date(Number(stamp.slice(0, -6))),
  randomInt: () => Number(stamp.slice(-6)),
})
