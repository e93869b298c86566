import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createManualClock,
  createRenderedAnswers,
  createRequestJournal,
  createSeededRandom,
  journalRequests,
} from '@crmkit/mock-kit'
import fc from 'fast-check'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createSharpSpringApp } from '../src/app.js'
import { createSharpSpringConfig, DEFAULT_ACCOUNT_ID, DEFAULT_SECRET_KEY } from '../src/domain/config.js'
import { seedDemo } from '../src/domain/demo.js'
import { createIdFactory } from '../src/domain/ids.js'
import { createState } from '../src/domain/state.js'
import type { KeptCall } from '../src/http/rpc-route.js'
import { createFileStore } from '../src/storage/file-store.js'

// Kept answers must never be seen: the same calls, with the same clock and ids, to an app that keeps pure
// reads' answers and to one that runs every call, answer byte for byte the same, whatever writes, uploads,
// reads and moves of the clock come in between.

const AUTH = `accountID=${DEFAULT_ACCOUNT_ID}&secretKey=${DEFAULT_SECRET_KEY}`
const BOUNDARY = 'crmkitKeptReads'

async function setup(keep: boolean) {
  const clock = createManualClock(new Date('2026-03-01T12:00:00Z'))
  const newId = createIdFactory(createSeededRandom(21))
  const state = createState(newId)
  const config = createSharpSpringConfig({})
  const demo = seedDemo({ state, now: clock(), newId, fileFieldType: config.fileFieldType })
  const files = await createFileStore(
    mkdtempSync(join(tmpdir(), 'crmkit-kept-reads-')),
    createSeededRandom(4),
  )
  const answers = keep ? createRenderedAnswers<KeptCall>() : undefined
  const api = createSharpSpringApp({ config, state, newId, clock, files, renderedAnswers: answers })
  // Behind the journal, as a host serves it: a kept answer must leave the same entry as a call that runs.
  const journal = createRequestJournal()
  const app = new Hono()
  app.use('*', journalRequests(journal, { service: 'sharpspring', clock }))
  app.all('*', (c) => api.fetch(c.req.raw))
  const post = async (path: string, body: string | Buffer, type: string) => {
    const response = await app.request(`http://mock.test/pubapi/${path}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': type },
    })
    const headers = [...response.headers.entries()]
    const [entry] = journal.entries({ limit: 1 }).slice(-1)
    const { durationMs: _, seq: __, ...recorded } = entry ?? { durationMs: 0, seq: 0 }
    return { status: response.status, headers, text: await response.text(), recorded }
  }
  return { clock, demo, post, answers }
}

type Api = Awaited<ReturnType<typeof setup>>

type Step =
  | { readonly kind: 'call'; readonly version: string; readonly method: string; readonly params: unknown }
  | { readonly kind: 'upload'; readonly content: string }
  | { readonly kind: 'clock'; readonly ms: number }

const name = fc.stringMatching(/^[A-Za-z]{1,8}$/)
const version = fc.constantFrom('v1', 'v1.2')
const call = (method: string, params: fc.Arbitrary<unknown>) =>
  fc.record({ version, params }).map((r) => ({ kind: 'call' as const, method, ...r }))
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: call('getLeads', fc.constantFrom({ where: {} }, { where: {}, limit: 1 })), weight: 4 },
  { arbitrary: call('getFields', fc.constant({ where: {} })), weight: 1 },
  {
    arbitrary: call('getLead', fc.constantFrom({ id: 'DEMO' }, { id: 'DEMO', nope: 1 }, { id: 'missing' })),
    weight: 2,
  },
  {
    arbitrary: call(
      'getLeadsDateRange',
      fc.constantFrom(
        { startDate: '2026-01-01 00:00:00', endDate: '2026-12-31 00:00:00', timestamp: 'update' },
        { startDate: '2026-03-01 11:00:00', endDate: '2026-03-01 13:00:00', timestamp: 'create' },
      ),
    ),
    weight: 1,
  },
  { arbitrary: call('getLeadTimeline', fc.constant({ where: { whoID: 'DEMO' } })), weight: 1 },
  { arbitrary: call('getActiveLists', fc.constant({ where: {} })), weight: 1 },
  {
    arbitrary: call(
      'createList',
      name.map((n) => ({ name: n, description: n })),
    ),
    weight: 1,
  },
  {
    arbitrary: call(
      'updateLeads',
      fc.constantFrom('open', 'qualified', 'contact').map((leadStatus) => ({
        objects: [{ id: 'DEMO', leadStatus }],
      })),
    ),
    weight: 1,
  },
  {
    arbitrary: call(
      'createLeads',
      name.map((n) => ({ objects: [{ emailAddress: `${n}@example.com`, firstName: n }] })),
    ),
    weight: 1,
  },
  {
    arbitrary: call(
      'updateLeads',
      name.map((n) => ({ objects: [{ id: 'DEMO', firstName: n }] })),
    ),
    weight: 2,
  },
  { arbitrary: name.map((content) => ({ kind: 'upload' as const, content })), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 1500 }).map((ms) => ({ kind: 'clock' as const, ms })), weight: 2 },
)

async function run(api: Api, one: Step, index: number) {
  switch (one.kind) {
    case 'clock':
      api.clock.advance(one.ms)
      return undefined
    case 'call': {
      // The demo lead's id differs in nothing between the two apps: same seed, same ids.
      const params = JSON.parse(JSON.stringify(one.params).replaceAll('"DEMO"', String(api.demo.leadId)))
      const body = JSON.stringify({ method: one.method, params, id: index % 3 })
      return api.post(`${one.version}/?${AUTH}`, body, 'application/json')
    }
    case 'upload': {
      const body = Buffer.from(
        [
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="id"\r\n\r\nup\r\n`,
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="objectType"\r\n\r\nlead\r\n`,
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="fieldSystemName"\r\n\r\n${api.demo.fileFields.lead}\r\n`,
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files[0]"; filename="${one.content}.txt"\r\nContent-Type: text/plain\r\n\r\n${one.content}\r\n`,
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${one.content}_txt"\r\n\r\n${api.demo.leadId}\r\n`,
          `--${BOUNDARY}--\r\n`,
        ].join(''),
      )
      return api.post(`v1/uploadFiles?${AUTH}`, body, `multipart/form-data; boundary=${BOUNDARY}`)
    }
  }
}

describe('kept answers of pure reads', () => {
  it('answer as running every call would, whatever writes, uploads and clock moves come between', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const [kept, ran] = [await setup(true), await setup(false)]
        for (const [index, one] of steps.entries()) {
          const [a, b] = [await run(kept, one, index), await run(ran, one, index)]
          expect(a).toEqual(b)
        }
      }),
      { numRuns: 50 },
    )
  })

  it('are served again for the same body, and no longer after a write', async () => {
    const api = await setup(true)
    const read = JSON.stringify({ method: 'getLeads', params: { where: {} }, id: 1 })
    const first = await api.post(`v1/?${AUTH}`, read, 'application/json')
    const revision = api.answers?.revision
    expect(await api.post(`v1/?${AUTH}`, read, 'application/json')).toEqual(first)
    expect(api.answers?.revision).toBe(revision)
    const write = {
      method: 'updateLeads',
      params: { objects: [{ id: api.demo.leadId, firstName: 'Grace' }] },
      id: 2,
    }
    await api.post(`v1/?${AUTH}`, JSON.stringify(write), 'application/json')
    expect(api.answers?.revision).not.toBe(revision)
    const after = await api.post(`v1/?${AUTH}`, read, 'application/json')
    expect(after.text).toContain('"firstName":"Grace"')
  })
})
