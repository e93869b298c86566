import { createRenderedAnswers } from '@crmkit/mock-kit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ApiApp, setupApi } from './api-app.js'

// Kept answers must never be seen: the same calls, with the same clock and ids, to an API that keeps read
// routes' answers and to one that renders every time, answer byte for byte the same, whatever changes,
// reads and moves of the clock come in between.

type Step =
  | { readonly kind: 'read'; readonly path: string }
  | { readonly kind: 'readContact'; readonly index: number }
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
      )
      .map((path) => ({ kind: 'read' as const, path })),
    weight: 4,
  },
  { arbitrary: fc.nat(5).map((index) => ({ kind: 'readContact' as const, index })), weight: 2 },
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

async function run(api: ApiApp, step: Step, ids: readonly string[]) {
  const pick = (index: number) => ids[index % Math.max(ids.length, 1)] ?? 'none'
  switch (step.kind) {
    case 'read':
      return api.call('GET', step.path)
    case 'readContact':
      return api.call('GET', `/contacts/${pick(step.index)}.json`)
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
          expect({ status: a?.status, body: a?.body }).toEqual({ status: b?.status, body: b?.body })
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
