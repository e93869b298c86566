import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createManualClock, createSeededRandom, cryptoRandomBytes } from '@crmkit/mock-kit'
import { beforeEach, describe, expect, it } from 'vitest'
import { createSharpSpringApp } from './app.js'
import { createSharpSpringConfig, DEFAULT_ACCOUNT_ID, DEFAULT_SECRET_KEY } from './domain/config.js'
import { type DemoIds, seedDemo } from './domain/demo.js'
import type { FileStorage, StagedFile } from './domain/file-storage.js'
import { createIdFactory } from './domain/ids.js'
import { createState } from './domain/state.js'
import { createFileStore } from './storage/file-store.js'

const AUTH = `accountID=${DEFAULT_ACCOUNT_ID}&secretKey=${DEFAULT_SECRET_KEY}`
const BOUNDARY = 'crmkitSharpSpringBoundary'
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(100, 1),
])

type Part = [name: string, value: string] | [name: string, file: { filename: string; content: Buffer }]

/** A multipart body as PHP's curl sends it: fields and files in the given order. */
function multipart(parts: Part[]): Buffer {
  const chunks = parts.map(([name, value]) =>
    typeof value === 'string'
      ? Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      : Buffer.concat([
          Buffer.from(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          value.content,
          Buffer.from('\r\n'),
        ]),
  )
  return Buffer.concat([...chunks, Buffer.from(`--${BOUNDARY}--\r\n`)])
}

async function setup() {
  const clock = createManualClock(new Date('2026-03-01T12:00:00Z'))
  const newId = createIdFactory(createSeededRandom(9))
  const state = createState(newId)
  const config = createSharpSpringConfig({ maxFileBytes: 1000 })
  const demo = seedDemo({ state, now: clock(), newId, fileFieldType: config.fileFieldType })
  const root = mkdtempSync(join(tmpdir(), 'crmkit-sharpspring-uploads-'))
  const files = await createFileStore(root, cryptoRandomBytes)
  const app = createSharpSpringApp({ config, state, newId, clock, files })
  const upload = async (endpoint: string, parts: Part[] | string, query = AUTH) => {
    const response = await app.request(`http://mock.test/pubapi/v1/${endpoint}?${query}`, {
      method: 'POST',
      body: typeof parts === 'string' ? parts : multipart(parts),
      headers: {
        'Content-Type':
          typeof parts === 'string' ? 'text/plain' : `multipart/form-data; boundary=${BOUNDARY}`,
      },
    })
    // biome-ignore lint/suspicious/noExplicitAny: envelopes are checked field by field.
    return { status: response.status, body: (await response.json()) as any }
  }
  const kept = () => readdirSync(join(root, 'files'))
  const fetchFile = async (url: string) => Buffer.from(await (await app.request(url)).arrayBuffer())
  return { app, state, demo, files, upload, kept, fetchFile }
}

describe('/uploadFiles', () => {
  let api: Awaited<ReturnType<typeof setup>>
  let demo: DemoIds
  beforeEach(async () => {
    api = await setup()
    demo = api.demo
  })
  const common = (field = () => demo.fileFields.lead): Part[] => [
    ['id', 'req-7'],
    ['objectType', 'lead'],
    ['fieldSystemName', field()],
  ]

  it('stores each file on its object as PHP sends it (id part after the file, PHP-mangled too)', async () => {
    const other = await api.app.request(`/pubapi/v1/?${AUTH}`, {
      method: 'POST',
      body: JSON.stringify({
        method: 'createLeads',
        params: { objects: [{ emailAddress: 'two@example.com' }] },
        id: 1,
      }),
    })
    const secondLead = ((await other.json()) as { result: { creates: Array<{ id: number }> } }).result
      .creates[0]?.id
    const answer = await api.upload('uploadFiles', [
      ...common(),
      ['files[0]', { filename: 'file1.png', content: PNG }],
      ['file1.png', String(demo.leadId)],
      ['files[1]', { filename: 'file 2.txt', content: Buffer.from('second file') }],
      ['file_2_txt', String(secondLead)],
    ])
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ error: [], id: 'req-7' })
    const [first, second] = answer.body.result.uploads
    expect(first).toMatchObject({ success: true, error: null, id: demo.leadId, fileName: 'file1.png' })
    expect(second).toMatchObject({ success: true, id: secondLead, fileName: 'file 2.txt' })
    expect(await api.fetchFile(first.url)).toEqual(PNG)
    expect((await api.fetchFile(second.url)).toString()).toBe('second file')
    expect(api.state.objects.lead.get(String(demo.leadId))?.[demo.fileFields.lead]).toBe(first.url)
    expect(api.files.pending()).toBe(0)
  })

  it('refuses the call for a field that is not a File Upload field or belongs to another object type, keeping nothing', async () => {
    for (const field of ['emailAddress', demo.fileFields.account, 'no_such_field']) {
      const answer = await api.upload('uploadFiles', [
        ...common(() => field),
        ['files[0]', { filename: 'a.png', content: PNG }],
        ['a.png', String(demo.leadId)],
      ])
      expect(answer.body).toMatchObject({
        result: null,
        error: { code: 205, message: 'Invalid parameters.' },
        id: 'req-7',
      })
    }
    const missing = await api.upload('uploadFiles', [
      ['objectType', 'lead'],
      ['files[0]', { filename: 'a.png', content: PNG }],
    ])
    expect(missing.body.error).toMatchObject({ code: 206, data: { missing: ['fieldSystemName'] } })
    expect(api.kept()).toEqual([])
    expect(api.files.pending()).toBe(0)
  })

  it('takes files into a field created as `upload` (the default File Upload type), not into an `attachment` one', async () => {
    const createField = async (label: string, dataType: string) => {
      const response = await api.app.request(`/pubapi/v1/?${AUTH}`, {
        method: 'POST',
        body: JSON.stringify({
          method: 'createFields',
          params: { objects: [{ relationship: 'lead', label, dataType }] },
          id: 1,
        }),
      })
      expect(((await response.json()) as { error: unknown }).error).toEqual([])
      const field = [...api.state.fields.values()].find((f) => f.label === label)
      return field?.systemName ?? ''
    }
    expect([...api.state.fields.values()].find((f) => f.systemName === demo.fileFields.lead)?.dataType).toBe(
      'upload',
    )
    const upload = await createField('Contract', 'upload')
    const attachment = await createField('Mail attachment', 'attachment')
    const refused = await api.upload('uploadFiles', [
      ...common(() => attachment),
      ['files[0]', { filename: 'a.png', content: PNG }],
      ['a.png', String(demo.leadId)],
    ])
    expect(refused.body.error).toMatchObject({
      code: 205,
      data: { fieldSystemName: attachment, reason: 'not a File Upload field' },
    })
    expect(api.state.objects.lead.get(String(demo.leadId))?.[attachment]).toBe('')
    expect(api.kept()).toEqual([])
    const taken = await api.upload('uploadFiles', [
      ...common(() => upload),
      ['files[0]', { filename: 'a.png', content: PNG }],
      ['a.png', String(demo.leadId)],
    ])
    expect(taken.body.result.uploads[0]).toMatchObject({ success: true, id: demo.leadId, fileName: 'a.png' })
    expect(api.state.objects.lead.get(String(demo.leadId))?.[upload]).toBe(taken.body.result.uploads[0].url)
  })

  it('answers per file: missing id part, non-integer or unknown id, duplicate names, a file over the limit', async () => {
    const answer = await api.upload('uploadFiles', [
      ...common(),
      ['files[0]', { filename: 'no-id.png', content: PNG }],
      ['files[1]', { filename: 'text-id.png', content: PNG }],
      ['text-id.png', 'abc'],
      ['files[2]', { filename: 'ghost.png', content: PNG }],
      ['ghost.png', '123'],
      ['files[3]', { filename: 'twice.png', content: PNG }],
      ['files[4]', { filename: 'twice.png', content: PNG }],
      ['twice.png', String(demo.leadId)],
      ['files[5]', { filename: 'big.png', content: Buffer.alloc(1001) }],
      ['big.png', String(demo.leadId)],
      ['files[6]', { filename: 'fine.png', content: PNG }],
      ['fine.png', String(demo.leadId)],
    ])
    const codes = answer.body.result.uploads.map(
      (item: { error: { code: number } | null }) => item.error?.code ?? 'ok',
    )
    expect(codes).toEqual([206, 205, 404, 205, 205, 205, 'ok'])
    expect(answer.body.error).toHaveLength(6)
    expect(api.kept()).toHaveLength(1)
    expect(api.files.pending()).toBe(0)
  })

  it('refuses a file whose name names no file (empty, . or .., a control character, over 255 bytes) and keeps the rest', async () => {
    const names = ['.', '..', `${'n'.repeat(252)}.txt`, 'tab\there.txt']
    const body = Buffer.concat([
      multipart([
        ...common(),
        ...names.map((filename, index): Part => [`files[${index}]`, { filename, content: Buffer.from('x') }]),
        ['files[9]', { filename: 'fine.txt', content: Buffer.from('fine') }],
        ['fine_txt', String(demo.leadId)],
      ]).subarray(0, -`--${BOUNDARY}--\r\n`.length),
      // A NUL can only come percent-encoded, in RFC 5987's filename*.
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files[10]"; filename*=UTF-8''nul%00.txt\r\n\r\nx\r\n--${BOUNDARY}--\r\n`,
      ),
    ])
    const response = await api.app.request(`http://mock.test/pubapi/v1/uploadFiles?${AUTH}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    })
    expect(response.status).toBe(200)
    const { result } = (await response.json()) as {
      result: { uploads: Array<{ success: boolean; fileName: string; error: { code: number } | null }> }
    }
    const refused = result.uploads.filter((item) => !item.success)
    expect(refused.map((item) => item.error?.code)).toEqual([205, 205, 205, 205, 205])
    expect(result.uploads.filter((item) => item.success).map((item) => item.fileName)).toEqual(['fine.txt'])
    expect(api.kept()).toHaveLength(1)
    expect(api.files.pending()).toBe(0)
  })

  it('serves a name with % at the URL it answers, decoding it once', async () => {
    const answer = await api.upload('uploadFiles', [
      ...common(),
      ['files[0]', { filename: '100% sure.txt', content: Buffer.from('sure') }],
      ['100%_sure_txt', String(demo.leadId)],
    ])
    const { url } = answer.body.result.uploads[0]
    expect(url).toMatch(/\/100%25%20sure\.txt$/)
    expect((await api.fetchFile(url)).toString()).toBe('sure')
    const key = new URL(url).pathname.split('/')[2]
    for (const name of ['%252e', '%2e', '%2E%2E', '100%2525%20sure.txt'])
      expect((await api.app.request(`http://mock.test/files/${key}/${name}`)).status).toBe(404)
  })

  it('keeps all of a call or nothing: a file that cannot be kept leaves no file and no changed record', async () => {
    const clock = createManualClock(new Date('2026-03-01T12:00:00Z'))
    const newId = createIdFactory(createSeededRandom(9))
    const state = createState(newId)
    const config = createSharpSpringConfig({ maxFileBytes: 1000 })
    const ids = seedDemo({ state, now: clock(), newId, fileFieldType: config.fileFieldType })
    const root = mkdtempSync(join(tmpdir(), 'crmkit-sharpspring-keep-'))
    const store = await createFileStore(root, cryptoRandomBytes)
    let keeps = 0
    // The second file's keep fails as a full disk would.
    const files: FileStorage = {
      ...store,
      begin: async (maxSize) => {
        const staged = await store.begin(maxSize)
        return Object.assign(Object.create(staged) as StagedFile, {
          keep: async (name: string) => {
            if (++keeps === 2) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' })
            return staged.keep(name)
          },
        })
      },
    }
    const app = createSharpSpringApp({ config, state, newId, clock, files })
    app.onError(() => new Response('bug', { status: 500 }))
    const before = JSON.stringify([...state.objects.lead.values()])
    const response = await app.request(`http://mock.test/pubapi/v1/uploadFiles?${AUTH}`, {
      method: 'POST',
      body: multipart([
        ['objectType', 'lead'],
        ['fieldSystemName', ids.fileFields.lead],
        ['files[0]', { filename: 'a.txt', content: Buffer.from('a') }],
        ['a_txt', String(ids.leadId)],
        ['files[1]', { filename: 'b.txt', content: Buffer.from('b') }],
        ['b_txt', String(ids.leadId)],
      ]),
      headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    })
    expect(response.status).toBe(500)
    expect(readdirSync(join(root, 'files'))).toEqual([])
    expect(readdirSync(join(root, 'tmp'))).toEqual([])
    expect(JSON.stringify([...state.objects.lead.values()])).toBe(before)
    await store.close()
  })

  it('refuses bad credentials, a body that is not multipart, and an unknown version', async () => {
    const parts: Part[] = [
      ...common(),
      ['files[0]', { filename: 'a.png', content: PNG }],
      ['a.png', String(demo.leadId)],
    ]
    expect((await api.upload('uploadFiles', parts, 'accountID=x&secretKey=y')).body).toMatchObject({
      error: { code: 105 },
      id: 'req-7',
    })
    expect((await api.upload('uploadFiles', parts, '')).body.error.code).toBe(103)
    expect((await api.upload('uploadFiles', 'not multipart')).body.error.code).toBe(101)
    const version = await api.app.request(`/pubapi/v9/uploadFiles?${AUTH}`, {
      method: 'POST',
      body: multipart(parts),
      headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    })
    expect(version.status).toBe(404)
    expect(api.kept()).toEqual([])
  })
})

describe('/uploadProductImage', () => {
  let api: Awaited<ReturnType<typeof setup>>
  beforeEach(async () => {
    api = await setup()
  })

  it("sets the product's imageURL to the stored image", async () => {
    const answer = await api.upload('uploadProductImage', [
      ['id', '123'],
      ['productID', String(api.demo.productId)],
      ['productImage', { filename: 'rye-rove-raggy.png', content: PNG }],
    ])
    expect(answer.body).toMatchObject({
      result: { success: true, error: null, id: api.demo.productId },
      error: null,
      id: '123',
    })
    expect(api.state.objects.product.get(String(api.demo.productId))?.imageURL).toBe(
      answer.body.result.imageURL,
    )
    expect(await api.fetchFile(answer.body.result.imageURL)).toEqual(PNG)
  })

  it('refuses a file that is not an image, an unknown product, and missing parts, keeping nothing', async () => {
    const image = (content: Buffer, productId = String(api.demo.productId)): Part[] => [
      ['id', '1'],
      ['productID', productId],
      ['productImage', { filename: 'x.jpg', content }],
    ]
    expect(
      (await api.upload('uploadProductImage', image(Buffer.from('plain text, not a JPEG')))).body.error.code,
    ).toBe(205)
    expect((await api.upload('uploadProductImage', image(PNG, '1'))).body.error.code).toBe(404)
    expect((await api.upload('uploadProductImage', image(PNG, 'abc'))).body.error.code).toBe(205)
    expect(
      (
        await api.upload('uploadProductImage', [
          ['id', '1'],
          ['productID', '5'],
        ])
      ).body.error,
    ).toMatchObject({
      code: 206,
      data: { missing: ['productImage'] },
    })
    expect(api.kept()).toEqual([])
    expect(api.files.pending()).toBe(0)
  })
})
