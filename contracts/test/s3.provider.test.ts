import { createManualClock } from '@crmkit/mock-kit'
import { type RunningOnePageCrmMock, startOnePageCrmMock } from '@crmkit/mock-onepagecrm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3 } from '../src/fixtures.js'
import { s3States } from '../src/s3-states.js'
import { verifyPact } from '../src/verify.js'

let mock: RunningOnePageCrmMock
// Stands still at the start time until a state sets it.
const clock = createManualClock(new Date())

beforeAll(async () => {
  mock = await startOnePageCrmMock({
    clock,
    s3: {
      region: S3.region,
      buckets: [S3.bucket, S3.otherBucket],
      credentials: [{ accessKeyId: S3.accessKeyId, secretAccessKey: S3.secretAccessKey }],
    },
  })
})
afterAll(() => mock?.close())

describe('S3 emulator honours the pact of crmkit-upload-client', () => {
  it('answers every recorded interaction as recorded', async () => {
    const report = await verifyPact({
      provider: 's3',
      providerBaseUrl: mock.info.s3.endpoint,
      stateHandlers: s3States(() => new URL(mock.info.api).origin, clock),
    })
    expect(report).toBeTypeOf('string')
  })
})
