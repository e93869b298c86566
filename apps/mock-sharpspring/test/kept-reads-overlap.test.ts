import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createManualClock, createRenderedAnswers, createSeededRandom } from '@crmkit/mock-kit'
import { describe, expect, it } from 'vitest'
import { createSharpSpringApp } from '../src/app.js'
import { createSharpSpringConfig, DEFAULT_ACCOUNT_ID, DEFAULT_SECRET_KEY } from '../src/domain/config.js'
import { seedDemo } from '../src/domain/demo.js'
import { createIdFactory } from '../src/domain/ids.js'
import { createState } from '../src/domain/state.js'
import type { KeptCall } from '../src/http/rpc-route.js'
import { createFileStore } from '../src/storage/file-store.js'

// An upload changes a lead after pauses (its parts arriving, its files stored, the state saved with
// --data-dir): a read that overlaps it must answer what running it would at its own moment, never an answer
// kept from before the upload touched the lead.

const AUTH = `accountID=${DEFAULT_ACCOUNT_ID}&secretKey=${DEFAULT_SECRET_KEY}`
const BOUNDARY = 'crmkitOverlap'

describe('kept answers of pure reads, while an upload runs', () => {
  it('are not kept from before the upload touched the state', async () => {
    const clock = createManualClock(new Date('2026-03-01T12:00:00Z'))
    const newId = createIdFactory(createSeededRandom(21))
    const state = createState(newId)
    const config = createSharpSpringConfig({})
    const demo = seedDemo({ state, now: clock(), newId, fileFieldType: config.fileFieldType })
    const files = await createFileStore(mkdtempSync(join(tmpdir(), 'crmkit-overlap-')), createSeededRandom(4))
    let saving = false
    let saved = () => {}
    const durable = new Promise<void>((resolve) => {
      saved = resolve
    })
    const persist = async () => {
      saving = true
      await durable
    }
    const app = createSharpSpringApp({
      config,
      state,
      newId,
      clock,
      files,
      persist,
      renderedAnswers: createRenderedAnswers<KeptCall>(),
    })
    const read = async () => {
      const body = JSON.stringify({ method: 'getLead', params: { id: demo.leadId }, id: 1 })
      const response = await app.request(`http://mock.test/pubapi/v1/?${AUTH}`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json' },
      })
      return response.text()
    }
    let send: ReadableStreamDefaultController<Uint8Array> | undefined
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        send = controller
      },
    })
    const uploading = app.request(`http://mock.test/pubapi/v1/uploadFiles?${AUTH}`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    } as RequestInit)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const before = await read()
    expect(before).not.toContain('overlap.txt')
    send?.enqueue(
      Buffer.from(
        [
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="id"\r\n\r\nup\r\n`,
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="objectType"\r\n\r\nlead\r\n`,
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="fieldSystemName"\r\n\r\n${demo.fileFields.lead}\r\n`,
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files[0]"; filename="overlap.txt"\r\nContent-Type: text/plain\r\n\r\noverlap\r\n`,
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="overlap_txt"\r\n\r\n${demo.leadId}\r\n`,
          `--${BOUNDARY}--\r\n`,
        ].join(''),
      ),
    )
    send?.close()
    while (!saving) await new Promise((resolve) => setTimeout(resolve, 1))
    // The lead has its file now, in the same second: running the read shows it.
    expect(await read()).toContain('overlap.txt')
    saved()
    const uploaded = await uploading
    expect(await uploaded.text()).toContain('"success":true')
    expect(await read()).toContain('overlap.txt')
  })
})
