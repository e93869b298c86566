import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type RunningSharpSpringMock, startSharpSpringMock } from './index.js'

// The inspector's view of SharpSpring, through the admin routes of a real mock: the files the upload
// methods kept, with the record that holds each, and the records newest first.

interface Files {
  files: Array<{
    service: string
    name: string
    contentType: string
    size: number
    belongsTo?: string
    url: string
  }>
  total: number
}

describe('the SharpSpring mock in the inspector', () => {
  let mock: RunningSharpSpringMock
  let query: string
  let base: string
  beforeEach(async () => {
    mock = await startSharpSpringMock()
    query = `accountID=${mock.info.auth.accountId}&secretKey=${mock.info.auth.secretKey}`
    base = mock.info.api.replace(/\/pubapi$/, '')
  })
  afterEach(() => mock.close())

  const upload = async (name: string, bytes: Buffer) => {
    const form = new FormData()
    form.append('id', 'r1')
    form.append('objectType', 'lead')
    form.append('fieldSystemName', mock.demo.fileFields.lead)
    form.append('files[0]', new Blob([bytes]), name)
    form.append(name, String(mock.demo.leadId))
    const answer = await fetch(`${mock.info.api}/v1/uploadFiles?${query}`, { method: 'POST', body: form })
    expect(await answer.json()).toMatchObject({ result: { uploads: [{ success: true, fileName: name }] } })
  }

  it('lists the kept files newest first, with the record whose field holds each, and streams them', async () => {
    expect(await (await fetch(`${base}/__admin/files`)).json()).toEqual({ files: [], total: 0 })
    await upload('first.txt', Buffer.from('first'))
    mock.host.clock.advance('PT1H')
    await upload('second.png', Buffer.from('not really a png'))
    const image = new FormData()
    image.append('id', 'r2')
    image.append('productID', String(mock.demo.productId))
    image.append('productImage', new Blob([Buffer.from('89504e470d0a1a0a0000', 'hex')]), 'pic.png')
    mock.host.clock.advance('PT1H')
    await fetch(`${mock.info.api}/v1/uploadProductImage?${query}`, { method: 'POST', body: image })

    const listed = (await (await fetch(`${base}/__admin/files`)).json()) as Files
    expect(listed.total).toBe(3)
    expect(listed.files.map((file) => [file.name, file.contentType, file.size, file.belongsTo])).toEqual([
      ['pic.png', 'image/png', 10, `product ${mock.demo.productId}, imageURL`],
      ['second.png', 'image/png', 16, `lead ${mock.demo.leadId}, ${mock.demo.fileFields.lead}`],
      // Its lead's field now holds the second file's URL: nothing points at the first any more.
      ['first.txt', 'text/plain; charset=utf-8', 5, undefined],
    ])
    const first = listed.files[2]
    const bytes = await fetch(`${base}${first?.url}`)
    expect(await bytes.text()).toBe('first')
    expect(bytes.headers.get('content-disposition')).toMatch(/^attachment; filename="first.txt"/)
    expect((await fetch(`${base}${first?.url}x`)).status).toBe(404)
    expect((await fetch(`${base}/__admin/files/sharpspring/nokey`)).status).toBe(404)

    await fetch(`${base}/__admin/reset`, { method: 'POST' })
    expect(await (await fetch(`${base}/__admin/files`)).json()).toEqual({ files: [], total: 0 })
  })

  it('shows leads, products and fields, newest first, the File Upload fields as columns', async () => {
    await fetch(`${mock.info.api}/v1/?${query}`, {
      method: 'POST',
      body: JSON.stringify({
        method: 'createLeads',
        params: { objects: [{ emailAddress: 'new@example.com' }] },
        id: 1,
      }),
    })
    const answer = (await (await fetch(`${base}/__admin/records?limit=5`)).json()) as {
      services: Array<{
        service: string
        groups: Array<{
          name: string
          total: number
          columns: string[]
          rows: Array<Record<string, unknown>>
        }>
      }>
    }
    expect(answer.services.map((entry) => entry.service)).toEqual(['sharpspring'])
    const groups = Object.fromEntries(answer.services[0]?.groups.map((group) => [group.name, group]) ?? [])
    expect(Object.keys(groups)).toEqual(['leads', 'accounts', 'opportunities', 'products', 'fields'])
    expect(groups.leads?.total).toBe(2)
    expect(groups.leads?.rows.map((row) => row.emailAddress)[0]).toBe('new@example.com')
    expect(groups.leads?.columns).toContain(mock.demo.fileFields.lead)
    expect(groups.products?.columns).toContain('imageURL')
    expect(groups.fields?.rows).toHaveLength(5)
    expect(groups.fields?.total).toBe(mock.state.fields.size)
    // The newest fields first: the demo's File Upload fields were made after the standard ones.
    expect(groups.fields?.rows.some((row) => row.systemName === mock.demo.fileFields.opportunity)).toBe(true)
  })
})
