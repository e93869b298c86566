import { type RunningSharpSpringMock, startSharpSpringMock } from '@crmkit/mock-sharpspring'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHARPSPRING } from '../src/fixtures.js'
import { sharpSpringStates } from '../src/sharpspring-states.js'
import { verifyPact } from '../src/verify.js'

let mock: RunningSharpSpringMock
let origin: string

beforeAll(async () => {
  mock = await startSharpSpringMock({
    config: { accountId: SHARPSPRING.accountId, secretKey: SHARPSPRING.secretKey },
  })
  origin = new URL(mock.info.api).origin
})
afterAll(() => mock?.close())

describe('SharpSpring mock honours the pact of crmkit-upload-client', () => {
  it('answers every recorded interaction as recorded', async () => {
    const report = await verifyPact({
      provider: 'sharpspring',
      providerBaseUrl: origin,
      stateHandlers: sharpSpringStates(() => origin),
    })
    expect(report).toBeTypeOf('string')
  })
})
