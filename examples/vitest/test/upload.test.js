import { mocks } from '@crmkit/mocks/vitest'
import { createOnePageCrmClient, createSharpSpringClient } from '@crmkit/upload-client'
import { describe, expect, it } from 'vitest'

const { sharpspring, onepagecrm } = mocks()

describe('uploads against the run-wide mocks', () => {
  it('uploads a file to a SharpSpring lead’s File Upload field', async () => {
    const client = createSharpSpringClient({
      baseUrl: sharpspring.api,
      accountId: sharpspring.credentials.accountId,
      secretKey: sharpspring.credentials.secretKey,
    })
    const [upload] = await client.uploadFiles({
      objectType: 'lead',
      fieldSystemName: sharpspring.demo.fileFields.lead,
      files: [
        {
          objectId: sharpspring.demo.leadId,
          file: { source: new TextEncoder().encode('hello'), name: 'hello.txt' },
        },
      ],
    })
    expect(upload).toMatchObject({ success: true, fileName: 'hello.txt' })
    expect(await (await fetch(upload.url)).text()).toBe('hello')
  })

  it('attaches a file to a OnePageCRM note in three steps', async () => {
    const client = createOnePageCrmClient({
      baseUrl: onepagecrm.api,
      userId: onepagecrm.credentials.userId,
      apiKey: onepagecrm.credentials.apiKey,
    })
    const { attachment } = await client.uploadAttachment({
      contactId: onepagecrm.demo.contactId,
      attachTo: { type: 'note', id: onepagecrm.demo.noteId },
      file: { source: new TextEncoder().encode('minutes'), name: 'minutes.txt' },
    })
    expect(attachment).toMatchObject({ filename: 'minutes.txt', size: 7 })
    expect(await (await fetch(attachment.url)).text()).toBe('minutes')
  })
})
