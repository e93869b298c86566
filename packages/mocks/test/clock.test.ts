import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMocks, startMocks } from '../src/index.js'

// The clock every service reads, moved from a test: "the upload form expired" in one line.

let mocks: RunningMocks
let opc: NonNullable<RunningMocks['onepagecrm']>
let s3: NonNullable<RunningMocks['s3']>
beforeAll(async () => {
  mocks = await startMocks({ services: ['onepagecrm'], ports: { onepagecrm: 0, s3: 0 } })
  if (mocks.onepagecrm === undefined || mocks.s3 === undefined)
    throw new Error('OnePageCRM and S3 not started')
  opc = mocks.onepagecrm
  s3 = mocks.s3
})
afterAll(() => mocks.close())

async function uploadForm(): Promise<{ url: string; fields: Record<string, string | number> }> {
  const { userId, apiKey } = opc.credentials
  const answer = await fetch(`${opc.api}/attachments/s3_form.json?contact_id=${opc.demo.contactId}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${userId}:${apiKey}`).toString('base64')}` },
  })
  return ((await answer.json()) as { data: { url: string; fields: Record<string, string | number> } }).data
}

async function post(form: { url: string; fields: Record<string, string | number> }) {
  const body = new FormData()
  for (const [name, value] of Object.entries(form.fields)) {
    body.append(name, name === 'key' ? `${opc.demo.contactId}/1/a.txt` : String(value))
  }
  body.append('filename', 'a.txt')
  body.append('file', new Blob(['hello']), 'a.txt')
  const answer = await fetch(form.url, { method: 'POST', body })
  return { status: answer.status, text: await answer.text() }
}

describe('the clock', () => {
  it('expires an upload form when moved past it, programmatically and over the admin API', async () => {
    const form = await uploadForm()
    mocks.clock.advance('PT2H')
    const expired = await post(form)
    expect(expired.status).toBe(403)
    expect(expired.text).toContain('<Message>Invalid according to Policy: Policy expired.</Message>')
    mocks.clock.real()
    const again = await post(form)
    expect(again.status, again.text).toBe(201)

    const fresh = await uploadForm()
    const moved = await fetch(`${s3.url}/__admin/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advance: 'PT61M' }),
    })
    expect(moved.status).toBe(200)
    expect((await post(fresh)).status).toBe(403)
    await mocks.reset()
    expect(mocks.clock.state()).toMatchObject({ frozen: false, offsetMs: 0 })
  })

  it('refuses what is not a forward duration or a date, unchanged', () => {
    const before = mocks.clock.state().offsetMs
    expect(() => mocks.clock.advance('one hour')).toThrow(RangeError)
    expect(() => mocks.clock.set('not a date')).toThrow(RangeError)
    expect(mocks.clock.state().offsetMs).toBe(before)
    const frozen = mocks.clock.freeze()
    expect(mocks.clock.now().toISOString()).toBe(frozen.now)
    mocks.clock.real()
  })
})
