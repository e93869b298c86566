import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceName } from '../mocks-info.js'
import { type RunningMocks, startMocks } from '../start-mocks.js'
import { applyState } from './state-context.js'
import { createStateRegistry } from './state-registry.js'
import { BUILT_IN_STATES, VOCABULARY_VERSION } from './vocabulary.js'

let mocks: RunningMocks
beforeAll(async () => {
  mocks = await startMocks()
})
afterAll(() => mocks.close())

const registry = createStateRegistry(BUILT_IN_STATES, VOCABULARY_VERSION)
const apply = (provider: ServiceName, sentence: string, params: Record<string, unknown> = {}) =>
  applyState({ registry, mocks, provider, consumer: 'test' }, sentence, params, [])

/** A SharpSpring JSON-RPC call with the mock's own credentials. */
async function rpc(method: string, params: unknown) {
  const { api, credentials } = mocks.sharpspring as NonNullable<RunningMocks['sharpspring']>
  const url = `${api}/v1.2/?accountID=${credentials.accountId}&secretKey=${credentials.secretKey}`
  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ method, params, id: 'x' }) })
  return (await response.json()) as {
    result: Record<string, unknown[]> | null
    error: { code: number } | null
  }
}

async function onePageCrm(path: string) {
  const { api, credentials } = mocks.onepagecrm as NonNullable<RunningMocks['onepagecrm']>
  const auth = Buffer.from(`${credentials.userId}:${credentials.apiKey}`).toString('base64')
  return fetch(`${api}${path}`, { headers: { authorization: `Basic ${auth}` } })
}

describe('every built-in state, against the running mocks', () => {
  it('seeds SharpSpring leads, a File Upload field, accounts, opportunities and products', async () => {
    await mocks.reset()
    expect(
      await apply('sharpspring', 'leads 411000001, 411000002 exist with File Upload field docs_5f0c'),
    ).toEqual({
      ids: [411000001, 411000002],
      systemName: 'docs_5f0c',
    })
    expect((await rpc('getLead', { id: 411000002 })).result?.lead).toHaveLength(1)
    const fields = await rpc('getFields', { where: { isCustom: '1' } })
    expect(JSON.stringify(fields.result)).toContain('docs_5f0c')
    await apply('sharpspring', 'a lead 411000003 exists with File Upload field docs_5f0c')
    expect((await rpc('getLead', { id: 411000003 })).result?.lead).toHaveLength(1)
    expect(await apply('sharpspring', 'an account 611000001 exists')).toEqual({ id: 611000001 })
    expect((await rpc('getAccount', { id: 611000001 })).result?.account).toHaveLength(1)
    await apply('sharpspring', 'an opportunity 711000001 exists')
    expect((await rpc('getOpportunity', { id: 711000001 })).result?.opportunity).toHaveLength(1)
    await apply('sharpspring', 'a product 511000001 exists')
    // The demo records need nothing.
    const demo = mocks.sharpspring?.demo
    await apply(
      'sharpspring',
      `a lead ${demo?.leadId} exists with File Upload field ${demo?.fileFields.lead}`,
    )
    expect(await apply('sharpspring', 'the account exists')).toEqual({
      accountId: mocks.sharpspring?.credentials.accountId,
    })
  })

  it('makes SharpSpring refuse every call with its limits', async () => {
    await mocks.reset()
    await apply('sharpspring', 'the API is rate limiting')
    expect((await rpc('getLead', { id: 1 })).error?.code).toBe(107)
    expect((await rpc('getLead', { id: 1 })).error?.code).toBe(107)
    await mocks.reset()
    await apply('sharpspring', 'the daily limit is used up')
    expect((await rpc('getLead', { id: 1 })).error?.code).toBe(106)
  })

  it('seeds OnePageCRM contacts and notes, uploads a file through the form, and throttles', async () => {
    await mocks.reset()
    const id = '5ae06ef9d55673108fe80001'
    await apply('onepagecrm', `contact ${id} has a note 5afc1b69d556730b58050001`)
    expect((await onePageCrm(`/contacts/${id}.json`)).status).toBe(200)
    expect((await onePageCrm('/notes/5afc1b69d556730b58050001.json')).status).toBe(200)
    await apply('onepagecrm', 'a file {key} was uploaded for contact {id}', {
      key: `${id}/1/a.txt`,
      id,
      size: '2 KiB',
    })
    const stored = mocks.requests({ service: 's3', method: 'POST' }).at(-1)
    expect(stored?.status).toBe(201)
    await expect(apply('onepagecrm', `a file other/1/a.txt was uploaded for contact ${id}`)).rejects.toThrow(
      /not under the contact's prefix/,
    )
    await apply('onepagecrm', `contact ${id} has 10 MiB of storage left`)
    const form = (await (await onePageCrm(`/attachments/s3_form.json?contact_id=${id}`)).json()) as {
      data: { storage_left: number }
    }
    expect(form.data.storage_left).toBe(10 * 1024 * 1024)
    await expect(apply('onepagecrm', `contact ${id} has 2 GiB of storage left`)).rejects.toThrow(
      /only 10485760 bytes/,
    )
    await apply('onepagecrm', 'the API is throttling requests')
    expect((await onePageCrm(`/contacts/${id}.json`)).status).toBe(403)
  })

  it('puts an object in a bucket and moves the clock for forms', async () => {
    await mocks.reset()
    const bucket = mocks.s3?.bucket as string
    expect(await apply('s3', `object reports/a.txt exists in bucket ${bucket}`)).toEqual({
      bucket,
      key: 'reports/a.txt',
    })
    expect((await fetch(`${mocks.s3?.url}/${bucket}/reports/a.txt`)).status).not.toBe(404)
    await apply('s3', 'the upload form is in date', { signedAt: '2026-01-15T09:00:00Z' })
    expect(mocks.clock.now().toISOString()).toMatch(/^2026-01-15T09:01:4/)
    await apply('s3', 'the upload form expired', { signedAt: '2026-01-15T09:00:00Z' })
    expect(mocks.clock.now().toISOString()).toMatch(/^2026-01-15T11:00:0/)
    await apply('s3', 'the upload form expired')
    expect(mocks.clock.now().getUTCFullYear()).toBe(2100)
    await apply('sharpspring', 'the clock is 2030-05-01T00:00:00Z')
    expect(mocks.clock.now().toISOString()).toMatch(/^2030-05-01T00:00:0/)
    await mocks.reset()
  })
})
