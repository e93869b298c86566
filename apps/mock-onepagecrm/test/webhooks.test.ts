import { describe, expect, it } from 'vitest'
import { applySeed } from '../src/api/domain/seed.js'
import { parseSeed } from '../src/api/domain/seed-document.js'
import { setupApi } from './api-app.js'

const HOOK_ID = '5417f8291da41712270a0042'

/** The API on the demo data plus the webhooks of a seed (webhooks are made in the app, never by the API). */
function withWebhooks() {
  const api = setupApi()
  const parsed = parseSeed({
    webhooks: [
      {
        id: HOOK_ID,
        name: 'Awesome integration',
        hook_url: 'https://hooks.example.com/opc',
        secretkey: 's3cret',
      },
      { name: 'Second', hook_url: 'http://127.0.0.1:9999/hook' },
    ],
  })
  if (!parsed.ok) throw new Error(parsed.error)
  const seeded = applySeed(api.deps.state, parsed.seed, {
    config: api.deps.config,
    now: api.clock(),
    newId: api.deps.newId,
  })
  if (!seeded.ok) throw new Error(seeded.error)
  return { api, created: seeded.created.webhooks }
}

describe('webhooks', () => {
  it('a seed makes are listed, read and deleted', async () => {
    const { api, created } = withWebhooks()
    expect(created[0]).toBe(HOOK_ID)
    const listed = await api.call('GET', '/webhooks')
    expect(listed.body.data).toEqual({
      webhooks: [
        {
          id: HOOK_ID,
          name: 'Awesome integration',
          hook_url: 'https://hooks.example.com/opc',
          secretkey: 's3cret',
        },
        { id: created[1], name: 'Second', hook_url: 'http://127.0.0.1:9999/hook', secretkey: '' },
      ],
      total_count: 2,
      page: 1,
      per_page: 10,
      max_page: 1,
    })
    expect((await api.call('GET', `/webhooks/${HOOK_ID}`)).body.data).toMatchObject({
      id: HOOK_ID,
      name: 'Awesome integration',
    })
    const deleted = await api.call('DELETE', `/webhooks/${HOOK_ID}`)
    expect(deleted.status).toBe(200)
    expect(api.saves()).toBe(1)
    expect((await api.call('GET', `/webhooks/${HOOK_ID}`)).status).toBe(404)
    expect((await api.call('DELETE', `/webhooks/${HOOK_ID}`)).status).toBe(404)
    expect(api.saves()).toBe(1)
  })

  it('a seed must name with a URL and at most 140 characters', () => {
    expect(parseSeed({ webhooks: [{ name: 'x'.repeat(141), hook_url: 'https://a.example' }] }).ok).toBe(false)
    expect(parseSeed({ webhooks: [{ name: 'Hook', hook_url: 'ftp://a.example' }] }).ok).toBe(false)
    expect(setupApi().deps.state.webhooks.size).toBe(0)
  })
})
