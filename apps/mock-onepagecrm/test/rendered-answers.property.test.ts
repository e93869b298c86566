import { createRenderedAnswers, createRequestJournal, journalRequests } from '@crmkit/mock-kit'
import fc from 'fast-check'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { DEFAULT_USER_ID } from '../src/api/domain/seed.js'
import { type ApiApp, AUTH, setupApi } from './api-app.js'

// Kept answers must never be seen: the same calls, with the same clock and ids, to an API that keeps read
// routes' answers and to one that renders every time, answer byte for byte the same, whatever changes,
// reads and moves of the clock come in between.

type Step =
  | { readonly kind: 'read'; readonly path: string; readonly head?: boolean }
  | { readonly kind: 'readContact'; readonly index: number; readonly query: string }
  | { readonly kind: 'action'; readonly index: number; readonly text: string }
  | { readonly kind: 'create'; readonly firstName: string; readonly lastName: string }
  | { readonly kind: 'update'; readonly index: number; readonly jobTitle: string }
  | { readonly kind: 'delete'; readonly index: number }
  | { readonly kind: 'star'; readonly index: number }
  | { readonly kind: 'status'; readonly text: string }
  | { readonly kind: 'clock'; readonly ms: number }

const name = fc.stringMatching(/^[A-Za-z]{1,8}$/)
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc
      .constantFrom(
        '/contacts.json',
        '/contacts.json?per_page=1',
        '/contacts.json?sort_by=first_name&order=desc',
        '/contacts.json?team=true',
        '/contacts.json?suppress_http_status=1&page=9',
        '/statuses.json',
        '/users.json',
        '/actions.json',
        '/contacts/nope.json',
        `/users/${DEFAULT_USER_ID}.json`,
        '/users/nope.json?suppress_http_status=1',
        '/actions.json?per_page=2',
        '/predefined_actions.json',
        '/predefined_items.json?per_page=1',
        '/custom_fields.json',
        '/contacts.json?fields=all,notes(all),deals(all)',
        '/contacts.json?filter_id=1',
      )
      .chain((path) => fc.boolean().map((head) => ({ kind: 'read' as const, path, head }))),
    weight: 5,
  },
  {
    arbitrary: fc
      .record({
        index: fc.nat(5),
        query: fc.constantFrom('', '?fields=all', '?fields=deals(all),notes(all)', '?fields=nope'),
      })
      .map((r) => ({ kind: 'readContact' as const, ...r })),
    weight: 2,
  },
  {
    arbitrary: fc.record({ index: fc.nat(5), text: name }).map((r) => ({ kind: 'action' as const, ...r })),
    weight: 1,
  },
  {
    arbitrary: fc.record({ firstName: name, lastName: name }).map((r) => ({ kind: 'create' as const, ...r })),
    weight: 1,
  },
  {
    arbitrary: fc
      .record({ index: fc.nat(5), jobTitle: name })
      .map((r) => ({ kind: 'update' as const, ...r })),
    weight: 1,
  },
  { arbitrary: fc.nat(5).map((index) => ({ kind: 'delete' as const, index })), weight: 1 },
  { arbitrary: fc.nat(5).map((index) => ({ kind: 'star' as const, index })), weight: 1 },
  { arbitrary: name.map((text) => ({ kind: 'status' as const, text })), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 1500 }).map((ms) => ({ kind: 'clock' as const, ms })), weight: 2 },
)

/** The ids of the caller's contacts, in list order: what an index names. */
async function contactIds(api: ApiApp): Promise<string[]> {
  const answer = await api.call('GET', '/contacts.json?per_page=100')
  return (answer.body.data.contacts as Array<{ contact: { id: string } }>).map((entry) => entry.contact.id)
}

/**
 * The API behind the journal, as a host serves it: every answer as written (status, headers, text) and the
 * journal entry it left, for a kept answer must leave the same entry as a render.
 */
function journaled(api: ApiApp) {
  const journal = createRequestJournal()
  const host = new Hono()
  host.use('*', journalRequests(journal, { service: 'onepagecrm', clock: api.clock }))
  host.all('*', (c) => api.app.fetch(c.req.raw))
  return async (method: string, path: string) => {
    const response = await host.request(`/api/v3${path}`, { method, headers: { Authorization: AUTH } })
    const [entry] = journal.entries({ limit: 1 })
    const { durationMs: _, seq: __, ...recorded } = entry ?? { durationMs: 0, seq: 0 }
    return { status: response.status, headers: [...response.headers], text: await response.text(), recorded }
  }
}

async function run(api: ApiApp, step: Step, ids: readonly string[]) {
  const answer = await runStep(api, step, ids)
  // A change's answer as it matters here: its status and JSON (`api.call` checks it against the spec).
  return answer !== undefined && 'body' in answer ? { status: answer.status, body: answer.body } : answer
}

async function runStep(api: ApiApp, step: Step, ids: readonly string[]) {
  const pick = (index: number) => ids[index % Math.max(ids.length, 1)] ?? 'none'
  const read = journaled(api)
  switch (step.kind) {
    case 'read':
      return read(step.head === true ? 'HEAD' : 'GET', step.path)
    case 'readContact':
      return read('GET', `/contacts/${pick(step.index)}.json${step.query}`)
    case 'action':
      return api.call('POST', `/contacts/${pick(step.index)}/actions.json`, {
        assignee_id: DEFAULT_USER_ID,
        status: 'asap',
        text: step.text,
      })
    case 'create':
      return api.call('POST', '/contacts.json', { first_name: step.firstName, last_name: step.lastName })
    case 'update':
      return api.call('PUT', `/contacts/${pick(step.index)}.json?partial=1`, { job_title: step.jobTitle })
    case 'delete':
      return api.call('DELETE', `/contacts/${pick(step.index)}.json`)
    case 'star':
      return api.call('PUT', `/contacts/${pick(step.index)}/star.json`)
    case 'status':
      return api.call('POST', '/statuses.json', { status: step.text, text: step.text, color: '#ff0000' })
    case 'clock':
      api.clock.advance(step.ms)
      return undefined
  }
}

describe('kept answers of read routes', () => {
  it('answer as rendering every time would, whatever changes and clock moves come between', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const kept = setupApi({ renderedAnswers: createRenderedAnswers() })
        const rendered = setupApi()
        for (const one of steps) {
          const ids = await contactIds(rendered)
          const [a, b] = [await run(kept, one, ids), await run(rendered, one, ids)]
          expect(a).toEqual(b)
        }
        expect(await kept.call('GET', '/contacts.json?per_page=100')).toMatchObject({
          body: (await rendered.call('GET', '/contacts.json?per_page=100')).body,
        })
      }),
      { numRuns: 60 },
    )
  })

  it('are served again within the second, and not after a change or the next second', async () => {
    const answers = createRenderedAnswers()
    const api = setupApi({ renderedAnswers: answers })
    const first = await api.call('GET', '/contacts.json')
    const revision = answers.revision
    api.clock.advance(10)
    // Within the second the kept text is served, not rendered again: a change made behind the API's back
    // (which the service never makes) does not show.
    const [contact] = api.deps.state.contacts.values()
    if (contact === undefined) throw new Error('no demo contact')
    api.deps.state.contacts.set(contact.id, { ...contact, first_name: 'Behind' })
    expect((await api.call('GET', '/contacts.json')).body).toEqual(first.body)
    await api.call('POST', '/contacts.json', { first_name: 'Ada', last_name: 'Lovelace' })
    expect(answers.revision).toBeGreaterThan(revision)
    const after = await api.call('GET', '/contacts.json')
    expect(after.body.data.contacts.length).toBe(first.body.data.contacts.length + 1)
    api.clock.advance(1000)
    expect((await api.call('GET', '/contacts.json')).body.timestamp).toBe(after.body.timestamp + 1)
  })
})
