import { createRenderedAnswers } from '@crmkit/mock-kit'
import { describe, expect, it } from 'vitest'
import { AUTH, setupApi } from './api-app.js'

// A change runs across pauses (its body arriving, the state made durable with --data-dir): a read that
// overlaps it must answer what rendering would at its own moment, never an answer kept from before the
// change touched the state.

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {}
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

const names = (body: { data: { contacts: Array<{ contact: { first_name: string } }> } }) =>
  body.data.contacts.map((entry) => entry.contact.first_name)

describe('kept answers of read routes, while a change runs', () => {
  it('are not kept from before the change touched the state', async () => {
    const durable = gate()
    let saving = false
    const api = setupApi({
      renderedAnswers: createRenderedAnswers(),
      persist: async () => {
        saving = true
        await durable.promise
      },
    })
    // The change starts; its body has not arrived yet.
    const encoder = new TextEncoder()
    let send: ReadableStreamDefaultController<Uint8Array> | undefined
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        send = controller
      },
    })
    const creating = api.app.request('/api/v3/contacts.json', {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    await new Promise((resolve) => setTimeout(resolve, 5))
    // A read meanwhile renders the state before the change.
    const before = await api.call('GET', '/contacts.json?per_page=100')
    expect(names(before.body)).not.toContain('Overlap')
    // The body arrives: the contact is created, and the change waits until it is durable.
    send?.enqueue(encoder.encode(JSON.stringify({ first_name: 'Overlap', last_name: 'Read' })))
    send?.close()
    while (!saving) await new Promise((resolve) => setTimeout(resolve, 1))
    // The same read, the same second: rendering now shows the new contact.
    const during = await api.call('GET', '/contacts.json?per_page=100')
    expect(names(during.body)).toContain('Overlap')
    durable.open()
    expect((await creating).status).toBe(201)
    expect(names((await api.call('GET', '/contacts.json?per_page=100')).body)).toContain('Overlap')
  })
})
