import { readdirSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSharpSpringMock, startSharpSpringMock } from '../src/index.js'

const BOUNDARY = 'crmkitCutOff'

describe('the SharpSpring mock on a real socket', () => {
  let mock: RunningSharpSpringMock
  let query: string
  beforeEach(async () => {
    mock = await startSharpSpringMock()
    query = `accountID=${mock.info.auth.accountId}&secretKey=${mock.info.auth.secretKey}`
  })
  afterEach(() => mock.close())

  it('answers JSON-RPC, and journals it for the admin API', async () => {
    const response = await fetch(`${mock.info.api}/v1.2?${query}`, {
      method: 'POST',
      body: JSON.stringify({ method: 'getLead', params: { id: mock.demo.leadId }, id: 'socket' }),
    })
    expect(await response.json()).toMatchObject({
      error: null,
      id: 'socket',
      result: { lead: [{ id: String(mock.demo.leadId) }] },
    })
    const admin = mock.info.api.replace(/\/pubapi$/, '/__admin')
    const journal = (await (await fetch(`${admin}/requests`)).json()) as {
      requests: Array<{ path: string; status: number }>
    }
    expect(journal.requests.map((r) => [r.path.split('?')[0], r.status])).toEqual([['/pubapi/v1.2', 200]])
  })

  it('refuses a JSON-RPC body it would not read whole before reading it, with or without credentials', async () => {
    // A client that says 600 MiB and sends 1 MiB: the answer comes at once, and the connection ends with it.
    const answer = (path: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(mock.info.api).port), '127.0.0.1')
        let text = ''
        socket.on('data', (chunk) => {
          text += chunk.toString('latin1')
        })
        socket.on('error', reject)
        socket.on('close', () => resolve(text))
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${600 * 1024 * 1024}\r\n\r\n`,
        )
        socket.write(Buffer.alloc(1024 * 1024, 0x20))
      })
    const authorised = await answer(`/pubapi/v1/?${query}`)
    expect(authorised).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(authorised).toMatch(/\r\nconnection: close\r\n/i)
    expect(JSON.parse(authorised.slice(authorised.indexOf('\r\n\r\n') + 4))).toMatchObject({
      result: null,
      error: { code: 101, data: { maxBytes: 8 * 1024 * 1024 } },
      id: null,
    })
    const refused = await answer('/pubapi/v1/?accountID=nobody&secretKey=wrong')
    expect(JSON.parse(refused.slice(refused.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 105 },
      id: null,
    })
  })

  it('seeds through the create methods, refuses what they refuse, and resets to the demo data', async () => {
    const admin = mock.info.api.replace(/\/pubapi$/, '/__admin')
    const seed = (body: unknown) =>
      fetch(`${admin}/seed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const added = await seed({ leads: [{ emailAddress: 'seeded@example.com' }] })
    expect(added.status).toBe(201)
    const { created } = (await added.json()) as { created: { leads: number[] } }
    expect(mock.state.objects.lead.has(String(created.leads[0]))).toBe(true)
    const refused = await seed({ leads: [{ emailAddress: 'seeded@example.com' }] })
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { error: string }).error).toBe('leads[0]: 301 Entry already exists []')
    expect((await fetch(`${admin}/reset`, { method: 'POST' })).status).toBe(200)
    expect(mock.state.objects.lead.has(String(created.leads[0]))).toBe(false)
    expect(mock.state.objects.lead.has(String(mock.demo.leadId))).toBe(true)
  })

  it('seeds a field under the systemName it gives, once', async () => {
    const admin = mock.info.api.replace(/\/pubapi$/, '/__admin')
    const seed = (body: unknown) =>
      fetch(`${admin}/seed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const field = { relationship: 'lead', label: 'Contract', dataType: 'file', systemName: 'contract_seeded' }
    expect((await seed({ fields: [field] })).status).toBe(201)
    expect(mock.state.fields.get('contract_seeded')).toMatchObject({ label: 'Contract', isCustom: '1' })
    const again = await seed({ fields: [field] })
    expect(((await again.json()) as { error: string }).error).toBe(
      'fields[0]: systemName contract_seeded already exists',
    )
    const bad = await seed({ fields: [{ ...field, systemName: 'no spaces' }] })
    expect(((await bad.json()) as { error: string }).error).toBe(
      'fields[0]: systemName must be letters, digits and _',
    )
    await fetch(`${admin}/reset`, { method: 'POST' })
    expect(mock.state.fields.has('contract_seeded')).toBe(false)
  })

  it('keeps nothing from a body cut off mid-file', async () => {
    const { hostname, port } = new URL(mock.info.api)
    const head = [
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="objectType"\r\n\r\nlead\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="fieldSystemName"\r\n\r\n${mock.demo.fileFields.lead}\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files[0]"; filename="cut.bin"\r\n\r\n`,
    ].join('')
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          `POST /pubapi/v1/uploadFiles?${query} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: 1000000\r\n\r\n${head}`,
        )
        socket.write(Buffer.alloc(64 * 1024, 7), () => setTimeout(() => socket.destroy(), 50))
      })
      socket.on('close', () => resolve())
      socket.on('error', reject)
    })
    // The server notices the close and drops the half-written file.
    for (let i = 0; i < 50 && readdirSync(join(mock.storageDir, 'tmp')).length > 0; i++)
      await new Promise((r) => setTimeout(r, 20))
    expect(readdirSync(join(mock.storageDir, 'tmp'))).toEqual([])
    expect(readdirSync(join(mock.storageDir, 'files'))).toEqual([])
    expect(mock.state.objects.lead.get(String(mock.demo.leadId))?.[mock.demo.fileFields.lead]).toBe('')
  })
})
