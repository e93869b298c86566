// A TypeScript project as strict as they come, `skipLibCheck` off: the published declarations of
// @crmkit/mocks and @crmkit/upload-client must compile here, name only packages a user installs, and type
// what the README's examples do (no `?.` on the services `startMocks()` starts by default).
import { type AllRunningMocks, interceptVendors, type JournalEntry, startMocks } from '@crmkit/mocks'
import { defineStates, type StatesModule } from '@crmkit/mocks/verify'
import { createSharpSpringClient, isCrmkitError } from '@crmkit/upload-client'

const mocks: AllRunningMocks = await startMocks()
try {
  const client = createSharpSpringClient({
    accountId: mocks.sharpspring.credentials.accountId,
    secretKey: mocks.sharpspring.credentials.secretKey,
    baseUrl: mocks.sharpspring.api,
  })
  const [uploaded] = await client.uploadFiles({
    objectType: 'lead',
    fieldSystemName: mocks.sharpspring.demo.fileFields.lead,
    files: [
      { objectId: mocks.sharpspring.demo.leadId, file: { source: Buffer.from('typed'), name: 'typed.txt' } },
    ],
  })
  if (uploaded === undefined) throw new Error('uploadFiles answered no file')
  const entries: JournalEntry[] = mocks.requests({ service: 'sharpspring' })
  const upload = entries.find((entry) => entry.path.includes('/uploadFiles?'))
  if (upload?.status !== 200) throw new Error(`the journal has no uploadFiles: ${JSON.stringify(entries)}`)
  const parts: number = upload.parts?.length ?? 0
  if (parts < 4) throw new Error(`the journal has ${parts} parts`)
  await mocks.clock.advance('PT1H')
} catch (error) {
  if (isCrmkitError(error)) console.error(error.code)
  throw error
} finally {
  await mocks.close()
}

const intercepted = await interceptVendors()
try {
  // The real address, no port: the mock answers in process.
  const answer = await fetch(
    `https://api.sharpspring.com/pubapi/v1/?accountID=${intercepted.sharpspring.credentials.accountId}&secretKey=${intercepted.sharpspring.credentials.secretKey}`,
    {
      method: 'POST',
      body: JSON.stringify({ method: 'getLead', params: { id: intercepted.sharpspring.demo.leadId }, id: 1 }),
    },
  )
  const body = (await answer.json()) as { error: unknown }
  if (body.error !== null) throw new Error(JSON.stringify(body))
} finally {
  await intercepted.restore()
}

const states: StatesModule = defineStates({ states: {} })
if (typeof states !== 'object') throw new Error('defineStates')
console.log('typescript: 1 passed, 0 failed')
