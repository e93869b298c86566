import { type RunningOnePageCrmMock, startOnePageCrmMock } from '@crmkit/mock-onepagecrm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractUserSeed, onePageCrmStates } from '../src/onepagecrm-states.js'
import { verifyPact } from '../src/verify.js'

let mock: RunningOnePageCrmMock

beforeAll(async () => {
  mock = await startOnePageCrmMock({ seed: contractUserSeed })
})
afterAll(() => mock?.close())

const target = () => ({ origin: new URL(mock.info.api).origin, api: mock.info.api })

describe('OnePageCRM mock honours the pact of crmkit-upload-client', () => {
  it('answers every recorded interaction as recorded', async () => {
    const report = await verifyPact({
      provider: 'onepagecrm',
      providerBaseUrl: target().origin,
      stateHandlers: onePageCrmStates(target),
    })
    expect(report).toBeTypeOf('string')
  })
})
