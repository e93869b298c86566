// Consumer tests with Pact JS (V4): each runs the integration against Pact's mock server and writes the
// pact to ./pacts. `crmkit-mocks verify ./pacts` then replays those pacts against crmkit's mocks, with
// the provider states named in crmkit's vocabulary (STATES.md in @crmkit/mocks).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MatchersV3, PactV4 } from '@pact-foundation/pact'
import { getContact, getLead } from '../src/crm.js'

const { like, eachLike } = MatchersV3
const SHARPSPRING = { accountId: 'shop-account-1', secretKey: 'shop-secret-1' }
// A made-up user (OnePageCRM ids are 24 hex digits) and API key: the mock accepts what the pact records.
const ONEPAGECRM = { userId: '5aba31e99007ba0f570c12f8', apiKey: 'shop-api-key-1' }
const CONTACT_ID = '5ae06ef9d55673108fe80042'
const basic = `Basic ${Buffer.from(`${ONEPAGECRM.userId}:${ONEPAGECRM.apiKey}`).toString('base64')}`

const sharpspring = new PactV4({ consumer: 'shop', provider: 'SharpSpring', dir: 'pacts', logLevel: 'warn' })
const onepagecrm = new PactV4({ consumer: 'shop', provider: 'OnePageCRM', dir: 'pacts', logLevel: 'warn' })

const getLeadRequest = (builder) =>
  builder
    .query({ accountID: SHARPSPRING.accountId, secretKey: SHARPSPRING.secretKey })
    .headers({ 'Content-Type': 'application/json' })
    .jsonBody({ method: 'getLead', params: { id: 411000042 }, id: 'lead-411000042' })

test('reads the lead of an order', async () => {
  await sharpspring
    .addInteraction()
    .given('a lead {id} exists', { id: 411000042 })
    .uponReceiving('getLead for a lead that exists')
    .withRequest('POST', '/pubapi/v1.2/', getLeadRequest)
    .willRespondWith(200, (builder) =>
      builder.jsonBody({
        result: { lead: eachLike({ id: like('411000042'), emailAddress: like('lead@example.com') }) },
        error: null,
        id: 'lead-411000042',
      }),
    )
    .executeTest(async (server) => {
      const lead = await getLead({ baseUrl: server.url, ...SHARPSPRING }, 411000042)
      assert.equal(lead.id, '411000042')
    })
})

test('reports SharpSpring rate limiting', async () => {
  await sharpspring
    .addInteraction()
    .given('the API is rate limiting')
    .uponReceiving('getLead while SharpSpring is rate limiting')
    .withRequest('POST', '/pubapi/v1.2/', getLeadRequest)
    .willRespondWith(200, (builder) =>
      builder.jsonBody({
        result: null,
        error: { code: 107, message: like('Exceeded per second method call limit.') },
      }),
    )
    .executeTest(async (server) => {
      await assert.rejects(getLead({ baseUrl: server.url, ...SHARPSPRING }, 411000042), /error 107/)
    })
})

test('reads the contact of an account', async () => {
  await onepagecrm
    .addInteraction()
    .given('a contact {id} exists', { id: CONTACT_ID })
    .uponReceiving('a request for a contact')
    .withRequest('GET', `/api/v3/contacts/${CONTACT_ID}.json`, (builder) =>
      builder.headers({ Accept: 'application/json', Authorization: basic }),
    )
    .willRespondWith(200, (builder) =>
      builder.jsonBody({
        status: 0,
        data: { contact: { id: CONTACT_ID, first_name: like('Joe'), last_name: like('Bloggs') } },
      }),
    )
    .executeTest(async (server) => {
      const contact = await getContact({ baseUrl: server.url, ...ONEPAGECRM }, CONTACT_ID)
      assert.equal(contact.id, CONTACT_ID)
    })
})

test('reports OnePageCRM throttling', async () => {
  await onepagecrm
    .addInteraction()
    .given('the API is throttling requests')
    .uponReceiving('a request for a contact while throttled')
    .withRequest('GET', `/api/v3/contacts/${CONTACT_ID}.json`, (builder) =>
      builder.headers({ Accept: 'application/json', Authorization: basic }),
    )
    // OnePageCRM's throttling answer is a plain-text 403: the status is the contract.
    .willRespondWith(403)
    .executeTest(async (server) => {
      await assert.rejects(getContact({ baseUrl: server.url, ...ONEPAGECRM }, CONTACT_ID), /refused/)
    })
})

test('reports a OnePageCRM outage', async () => {
  await onepagecrm
    .addInteraction()
    // Any mock's named fault by its status: `{service} answers {status}` (STATES.md).
    .given('{service} answers {status}', { service: 'OnePageCRM', status: 500 })
    .uponReceiving('a request for a contact while OnePageCRM fails')
    .withRequest('GET', `/api/v3/contacts/${CONTACT_ID}.json`, (builder) =>
      builder.headers({ Accept: 'application/json', Authorization: basic }),
    )
    .willRespondWith(500)
    .executeTest(async (server) => {
      await assert.rejects(getContact({ baseUrl: server.url, ...ONEPAGECRM }, CONTACT_ID), /answered 500/)
    })
})
