import { request } from 'node:http'
import { Readable } from 'node:stream'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InspectedFile } from './inspection.js'
import { INSPECTOR_CSP } from './inspector-page.js'
import { createMockHost, type HostedService, type MockHost } from './mock-host.js'
import type { MockService } from './mock-service.js'

// A store with two files, and another service whose record points at one of them (as a OnePageCRM
// attachment names its S3 object).
const STORED: Record<string, { file: InspectedFile; bytes: Buffer }> = {
  'b/old.txt': {
    file: {
      id: 'b/old.txt',
      name: 'old.txt',
      contentType: 'text/html',
      size: 5,
      created: '2030-01-01T00:00:00.000Z',
    },
    bytes: Buffer.from('<b>x!'),
  },
  'b/new.png': {
    file: {
      id: 'b/new.png',
      name: 'new.png',
      contentType: 'image/png',
      size: 3,
      created: '2030-01-02T00:00:00.000Z',
    },
    bytes: Buffer.from([1, 2, 3]),
  },
}
let opened = 0

const store: MockService = {
  name: 'store',
  app: new Hono(),
  faultAnswers: {},
  reset: async () => {},
  seed: async () => ({ ok: false, error: 'no seed' }),
  close: async () => {},
  inspect: {
    files: async (limit) => ({
      total: 2,
      files: Object.values(STORED)
        .map((entry) => entry.file)
        .reverse()
        .slice(0, limit),
    }),
    openFile: async (id) => {
      const entry = STORED[id]
      if (entry === undefined) return undefined
      opened += 1
      return { ...entry.file, body: Readable.from([entry.bytes]) }
    },
    records: () => [
      { name: 'buckets', title: 'Buckets', total: 1, columns: ['name'], rows: [{ name: 'b' }] },
    ],
  },
}

const crm: MockService = {
  name: 'crm',
  app: new Hono(),
  faultAnswers: {},
  reset: async () => {},
  seed: async () => ({ ok: false, error: 'no seed' }),
  close: async () => {},
  inspect: {
    records: (limit) => [
      {
        name: 'notes',
        title: 'Notes',
        total: 3,
        columns: ['id', 'text'],
        rows: [
          { id: '3', text: 'y'.repeat(4000) },
          { id: '2', text: 'b' },
          { id: '1', text: 'a' },
        ].slice(0, limit),
      },
    ],
    fileReferences: () => [{ service: 'store', id: 'b/new.png', belongsTo: 'note 3' }],
  },
}

/** A raw request, so that Origin and Sec-Fetch-Site are exactly what a test says. */
function send(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      })
      req.on('error', reject)
      req.end()
    },
  )
}

describe('the inspector and its data routes', () => {
  let host: MockHost
  let first: HostedService
  let second: HostedService
  beforeAll(async () => {
    host = createMockHost()
    first = await host.serve(store)
    second = await host.serve(crm)
  })
  afterAll(() => host.close())

  it('serves the page and its assets under a strict policy, from any port', async () => {
    const bare = await send(`${second.url}/__admin`)
    expect(bare.status).toBe(308)
    expect(bare.headers.location).toBe('/__admin/')
    for (const base of [first.url, second.url]) {
      const page = await send(`${base}/__admin/`, { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' })
      expect(page.status).toBe(200)
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(page.headers['content-security-policy']).toBe(INSPECTOR_CSP)
      expect(page.headers['x-content-type-options']).toBe('nosniff')
      expect(page.headers['cache-control']).toBe('no-store')
      const html = page.body.toString()
      expect(html).toContain('<script type="module" src="assets/app.js"></script>')
      expect(html).not.toMatch(/<script>|<style|https?:\/\//)
    }
    const script = await send(`${first.url}/__admin/assets/app.js`, { 'sec-fetch-site': 'same-origin' })
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(script.body.length).toBeGreaterThan(1000)
    expect((await send(`${first.url}/__admin/assets/app.css`)).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    )
    const missing = await send(`${first.url}/__admin/assets/nothing.js`)
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.body.toString())).toEqual({
      error: 'The inspector has no file assets/nothing.js.',
    })
  })

  it('lists every service files newest first, with what other services say they belong to', async () => {
    const answer = JSON.parse((await send(`${second.url}/__admin/files`)).body.toString())
    expect(answer).toEqual({
      total: 2,
      files: [
        {
          ...STORED['b/new.png']?.file,
          service: 'store',
          url: '/__admin/files/store/b%2Fnew.png',
          image: true,
          belongsTo: 'note 3',
        },
        {
          ...STORED['b/old.txt']?.file,
          service: 'store',
          url: '/__admin/files/store/b%2Fold.txt',
          image: false,
        },
      ],
    })
    const one = JSON.parse((await send(`${second.url}/__admin/files?limit=1`)).body.toString())
    expect(one.files.map((file: InspectedFile) => file.name)).toEqual(['new.png'])
    expect(one.total).toBe(2)
    expect(JSON.parse((await send(`${second.url}/__admin/files?service=crm`)).body.toString())).toEqual({
      files: [],
      total: 0,
    })
    const refused = await send(`${second.url}/__admin/files?service=nope`)
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.body.toString())).toEqual({ error: 'service must be one of: store, crm.' })
  })

  it('streams a file: an image inline, anything else as a sandboxed attachment', async () => {
    const image = await send(`${second.url}/__admin/files/store/b%2Fnew.png`)
    expect(image.status).toBe(200)
    expect([...image.body]).toEqual([1, 2, 3])
    expect(image.headers['content-type']).toBe('image/png')
    expect(image.headers['content-disposition']).toBe(`inline; filename="new.png"; filename*=UTF-8''new.png`)
    const html = await send(`${first.url}/__admin/files/store/b%2Fold.txt`)
    expect(html.headers['content-disposition']).toMatch(/^attachment; filename="old.txt"/)
    expect(html.headers['content-security-policy']).toBe('sandbox')
    expect(html.headers['x-content-type-options']).toBe('nosniff')
    const download = await send(`${first.url}/__admin/files/store/b%2Fnew.png?download=1`)
    expect(download.headers['content-disposition']).toMatch(/^attachment;/)
    const before = opened
    const head = await send(`${first.url}/__admin/files/store/b%2Fnew.png`, {}, 'HEAD')
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([200, '3', 0])
    expect(opened).toBe(before + 1)
    const none = await send(`${first.url}/__admin/files/store/b%2Fnone`)
    expect(none.status).toBe(404)
    expect(JSON.parse(none.body.toString())).toEqual({
      error: 'No file "b/none" in service "store"; see GET /__admin/files.',
    })
    expect((await send(`${first.url}/__admin/files/nope/x`)).status).toBe(404)
    expect((await send(`${first.url}/__admin/files/store/b%2Fnew.png?x=1`)).status).toBe(400)
  })

  it('gives each service records, bounded, newest first', async () => {
    const answer = JSON.parse((await send(`${first.url}/__admin/records?limit=2`)).body.toString())
    expect(answer.services.map((entry: { service: string }) => entry.service)).toEqual(['store', 'crm'])
    const notes = answer.services[1].groups[0]
    expect(notes.total).toBe(3)
    expect(notes.rows.map((row: { id: string }) => row.id)).toEqual(['3', '2'])
    expect(notes.rows[0].text).toMatch(/^y+…\[4000 bytes, truncated\]$/)
    const crmOnly = JSON.parse((await send(`${first.url}/__admin/records?service=crm`)).body.toString())
    expect(crmOnly.services).toHaveLength(1)
    expect((await send(`${first.url}/__admin/records?limit=5000`)).status).toBe(400)
  })

  it('keeps the admin guard on every new route', async () => {
    for (const path of [
      '/__admin/',
      '/__admin/files',
      '/__admin/files/store/b%2Fnew.png',
      '/__admin/records',
    ]) {
      expect((await send(`${first.url}${path}`, { origin: 'http://evil.example' })).status).toBe(403)
      expect((await send(`${first.url}${path}`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
      expect((await send(`${first.url}${path}`, { host: 'evil.example' })).status).toBe(403)
    }
  })

  it('names the new routes in its 404', async () => {
    const answer = await send(`${first.url}/__admin/nothing`)
    expect(answer.status).toBe(404)
    expect(JSON.parse(answer.body.toString()).error).toContain(
      'GET /__admin/files, GET /__admin/files/<service>/<id>, GET /__admin/records',
    )
  })
})
