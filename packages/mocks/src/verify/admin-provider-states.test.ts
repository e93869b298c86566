import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMocks, startMocks } from '../start-mocks.js'

let mocks: RunningMocks
beforeAll(async () => {
  mocks = await startMocks()
})
afterAll(() => mocks.close())

/** The `Code` of S3's error XML. */
const parseErrorCode = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1]

/** Pact's state change call, as any verifier makes it, to a mock's own port. */
const change = async (url: string, body: unknown) => {
  const response = await fetch(`${url}/__admin/provider-states`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('POST /__admin/provider-states', () => {
  it("sets up a state of the port's service, answers what it made, and resets on teardown", async () => {
    const url = mocks.sharpspring?.url as string
    expect(
      await change(url, { state: 'a lead {id} exists', params: { id: 411000077 }, action: 'setup' }),
    ).toEqual({
      status: 200,
      body: { id: 411000077 },
    })
    const ids = () => mocks.sharpspring?.credentials
    const rpc = async () => {
      const { accountId, secretKey } = ids() as { accountId: string; secretKey: string }
      const response = await fetch(`${url}/pubapi/v1.2/?accountID=${accountId}&secretKey=${secretKey}`, {
        method: 'POST',
        body: JSON.stringify({ method: 'getLead', params: { id: 411000077 }, id: '1' }),
      })
      return ((await response.json()) as { result: { lead: unknown[] } }).result.lead.length
    }
    expect(await rpc()).toBe(1)
    expect(
      await change(url, { state: 'a lead {id} exists', params: { id: 411000077 }, action: 'teardown' }),
    ).toEqual({
      status: 200,
      body: {},
    })
    expect(await rpc()).toBe(0)
  })

  it('answers 2xx to an interaction without states, and 400 naming the closest sentence to an unknown one', async () => {
    const url = mocks.onepagecrm?.url as string
    expect((await change(url, { state: '', params: {}, action: 'setup' })).status).toBe(200)
    expect(await change(url, { state: 'a contact exist', action: 'setup' })).toEqual({
      status: 400,
      body: {
        error:
          'Unknown provider state "a contact exist" for onepagecrm (vocabulary v1). Closest: "a contact {id} exists".',
      },
    })
    // SharpSpring's sentences are not the S3 port's.
    expect(
      (await change(mocks.s3?.url as string, { state: 'a lead 1 exists', action: 'setup' })).status,
    ).toBe(400)
  })

  it('the bucket {bucket} exists: answers a hosted bucket, adds another until the teardown, and refuses a name S3 would', async () => {
    const url = mocks.s3?.url as string
    expect(
      await change(url, { state: 'the bucket onepagecrm-up-eu-central-1 exists', action: 'setup' }),
    ).toEqual({
      status: 200,
      body: { bucket: 'onepagecrm-up-eu-central-1' },
    })
    const listed = async () => {
      const response = await fetch(`${url}/acme-uploads?list-type=2`)
      return [response.status, parseErrorCode(await response.text())]
    }
    // Anonymous: a hosted bucket refuses it (403), one that is not hosted answers NoSuchBucket first.
    expect(await listed()).toEqual([404, 'NoSuchBucket'])
    expect(
      await change(url, {
        state: 'the bucket {bucket} exists',
        params: { bucket: 'acme-uploads' },
        action: 'setup',
      }),
    ).toEqual({ status: 200, body: { bucket: 'acme-uploads' } })
    expect(mocks.s3?.buckets).toEqual(['onepagecrm-up-eu-central-1', 'acme-uploads'])
    expect(await listed()).toEqual([403, 'AccessDenied'])
    // The bucket written in the sentence, hosted already: nothing more is added.
    expect((await change(url, { state: 'the bucket acme-uploads exists', action: 'setup' })).status).toBe(200)
    await change(url, { state: 'the bucket acme-uploads exists', action: 'teardown' })
    expect(mocks.s3?.buckets).toEqual(['onepagecrm-up-eu-central-1'])
    expect(await listed()).toEqual([404, 'NoSuchBucket'])

    const refused = await change(url, {
      state: 'the bucket {bucket} exists',
      params: { bucket: 'Acme_Uploads' },
      action: 'setup',
    })
    expect(refused.status).toBe(400)
    expect(refused.body.error).toContain('\\"Acme_Uploads\\" is not a valid S3 bucket name')
    expect(mocks.s3?.buckets).toEqual(['onepagecrm-up-eu-central-1'])
  })

  it('{service} answers {status}: arms the service fault answering that status, until the teardown', async () => {
    const url = mocks.onepagecrm?.url as string
    const api = mocks.onepagecrm?.api as string
    expect(await change(url, { state: 'OnePageCRM answers 500', action: 'setup' })).toEqual({
      status: 200,
      body: { service: 'onepagecrm', status: 500 },
    })
    expect((await fetch(`${api}/contacts.json`)).status).toBe(500)
    expect((await fetch(`${api}/contacts.json`)).status).toBe(500)
    await change(url, { state: 'OnePageCRM answers 500', action: 'teardown' })
    expect((await fetch(`${api}/contacts.json`)).status).toBe(401)
    // S3 from the OnePageCRM port (its attachments live there): a 503 in S3's XML.
    await change(url, { state: 's3 answers 503', action: 'setup' })
    const s3 = await fetch(`${mocks.s3?.url}/onepagecrm-up-eu-central-1/a.txt`)
    expect([s3.status, await s3.text()]).toEqual([
      503,
      expect.stringContaining('<Code>ServiceUnavailable</Code>'),
    ])
    await change(url, { state: '', action: 'teardown' })
    expect(await change(url, { state: 'S3 answers 404', action: 'setup' })).toEqual({
      status: 400,
      body: { error: 'State "{service} answers {status}": S3 can answer 500 or 503, not 404.' },
    })
    expect((await change(url, { state: 'Salesforce answers 500', action: 'setup' })).body.error).toContain(
      'is SharpSpring, OnePageCRM or S3, not "Salesforce"',
    )
  })
})
