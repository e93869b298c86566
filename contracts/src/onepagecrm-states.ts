import { createOnePageCrmClient } from '@crmkit/upload-client'
import { admin } from './admin.js'
import { ONEPAGECRM, readKeyStamp } from './fixtures.js'
import { ONEPAGECRM_STATES } from './states.js'
import type { StateHandlers } from './verify.js'

/** The mock's seed for a contract run: only the user whose HTTP Basic header the pact records. */
export const contractUserSeed = {
  users: [
    {
      id: ONEPAGECRM.userId,
      api_key: ONEPAGECRM.apiKey,
      first_name: 'Jane',
      last_name: 'Doe',
      email: 'jane.doe@example.com',
      company_name: 'Big Company Inc.',
    },
  ],
  contacts: [],
  deals: [],
  notes: [],
}

interface ContactParams {
  readonly contactId: string
  readonly noteId: string
}

/**
 * Each state starts from the user alone (`/__admin/reset`), then creates what its sentence says through
 * the mock's seed (`/__admin/seed`), its public API and the S3 emulator, or its faults (`/__admin/faults`).
 */
export function onePageCrmStates(
  mock: () => { readonly origin: string; readonly api: string },
): StateHandlers {
  const contactWithNote = async ({ contactId, noteId }: ContactParams) => {
    await admin(mock().origin, 'reset')
    await admin(mock().origin, 'seed', {
      contacts: [{ id: contactId, first_name: 'Joe', last_name: 'Bloggs', company_name: 'Contract Lab' }],
      notes: [{ id: noteId, contact_id: contactId, text: 'Met Joe at the contract tests.' }],
    })
    return undefined
  }
  return {
    [ONEPAGECRM_STATES.contactWithNote]: (params: unknown) => contactWithNote(params as ContactParams),
    [ONEPAGECRM_STATES.fileUploaded]: async (params: unknown) => {
      const { key, size, ...contact } = params as ContactParams & { key: string; size: number }
      await contactWithNote(contact)
      // The key is `<contact>/<Unix ms><6 random digits>/<filename>`: that clock and those digits make it.
      const [, stamp, name] = key.split('/') as [string, string, string]
      const client = createOnePageCrmClient({
        userId: ONEPAGECRM.userId,
        apiKey: ONEPAGECRM.apiKey,
        baseUrl: mock().api,
        ...readKeyStamp(stamp),
      })
      const form = await client.getUploadForm({ contactId: contact.contactId })
      const upload = await client.uploadToS3({ form, file: { source: Buffer.alloc(size, 0x61), name } })
      if (upload.key !== key) throw new Error(`The state uploaded ${upload.key}, not ${key}`)
      return undefined
    },
    [ONEPAGECRM_STATES.throttling]: async () => {
      await admin(mock().origin, 'reset')
      await admin(mock().origin, 'faults', { fault: 'throttle' })
      return undefined
    },
  }
}
