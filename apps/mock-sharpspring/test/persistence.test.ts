import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startSharpSpringMock } from '../src/index.js'

const dataDir = mkdtempSync(join(tmpdir(), 'crmkit-sharpspring-persist-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

describe('--data-dir', () => {
  it('keeps leads, fields and uploaded files across a restart; crash leftovers are ignored or removed', async () => {
    const first = await startSharpSpringMock({ dataDir })
    const query = `accountID=${first.info.auth.accountId}&secretKey=${first.info.auth.secretKey}`
    const rpc = async (api: string, method: string, params: unknown) =>
      (await (
        await fetch(`${api}/v1/?${query}`, {
          method: 'POST',
          body: JSON.stringify({ method, params, id: 'p' }),
        })
      ).json()) as {
        result: Record<string, Array<Record<string, unknown>>>
      }
    const created = await rpc(first.info.api, 'createLeads', {
      objects: [{ emailAddress: 'kept@example.com' }],
    })
    const leadId = created.result.creates?.[0]?.id as number
    const form = new FormData()
    form.append('objectType', 'lead')
    form.append('fieldSystemName', first.demo.fileFields.lead)
    form.append('files[0]', new Blob(['kept bytes']), 'kept.txt')
    form.append('kept.txt', String(leadId))
    const upload = (await (
      await fetch(`${first.info.api}/v1/uploadFiles?${query}`, { method: 'POST', body: form })
    ).json()) as {
      result: { uploads: Array<{ url: string }> }
    }
    const url = upload.result.uploads[0]?.url as string
    const port = Number(new URL(first.info.api).port)
    await first.close()
    writeFileSync(join(dataDir, 'sharpspring', 'state.json.999.0.tmp'), '{"version":1,')
    // A file kept just before a crash, its record never saved, and a half-received one.
    const orphan = join(dataDir, 'sharpspring', 'files', 'f'.repeat(32))
    mkdirSync(orphan)
    writeFileSync(join(orphan, 'lost.txt'), 'never recorded')
    writeFileSync(join(dataDir, 'sharpspring', 'tmp', '7'), 'half a file')

    // The same port, so the stored URL still points at the mock.
    const second = await startSharpSpringMock({ dataDir, port })
    try {
      expect(second.demo).toEqual(first.demo)
      const lead = await rpc(second.info.api, 'getLead', { id: leadId })
      expect(lead.result.lead?.[0]).toMatchObject({
        emailAddress: 'kept@example.com',
        [first.demo.fileFields.lead]: url,
      })
      expect(await (await fetch(url)).text()).toBe('kept bytes')
      expect(readdirSync(join(dataDir, 'sharpspring')).sort()).toEqual(['files', 'state.json', 'tmp'])
      expect(readdirSync(join(dataDir, 'sharpspring', 'files'))).toEqual([
        new URL(url).pathname.split('/')[2],
      ])
      expect(readdirSync(join(dataDir, 'sharpspring', 'tmp'))).toEqual([])
      const next = await rpc(second.info.api, 'createLeads', {
        objects: [{ emailAddress: 'new@example.com' }],
      })
      expect(next.result.creates?.[0]?.id).not.toBe(leadId)
    } finally {
      await second.close()
    }
  })

  it('reads a state saved by the first format (deal stages beside the objects) and keeps new tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmkit-sharpspring-v1-'))
    try {
      const demo = {
        fileFields: { lead: 'Documents_1', account: 'Documents_2', opportunity: 'Documents_3' },
        leadId: 1001,
        accountId: 1002,
        opportunityId: 1003,
        productId: 1004,
        dealStageId: '1005',
      }
      mkdirSync(join(dir, 'sharpspring'))
      const stage = {
        id: '1005',
        dealStageName: 'Old',
        description: '',
        defaultProbability: '10',
        weight: '1',
        isEditable: '1',
      }
      writeFileSync(
        join(dir, 'sharpspring', 'state.json'),
        JSON.stringify({
          version: 1,
          demo,
          objects: { lead: [], account: [], opportunity: [], product: [] },
          fields: [],
          dealStages: [stage],
        }),
      )
      const mock = await startSharpSpringMock({ dataDir: dir })
      const query = `accountID=${mock.info.auth.accountId}&secretKey=${mock.info.auth.secretKey}`
      const rpc = async (method: string, params: unknown) =>
        (await (
          await fetch(`${mock.info.api}/v1.2/?${query}`, {
            method: 'POST',
            body: JSON.stringify({ method, params, id: 1 }),
          })
        ).json()) as { result: Record<string, Array<Record<string, unknown>>> }
      expect(mock.demo).toEqual(demo)
      expect((await rpc('getDealStages', { where: {} })).result.dealStage).toEqual([stage])
      const made = await rpc('createDealStages', { objects: [{ dealStageName: 'New' }] })
      const id = made.result.creates?.[0]?.id
      await mock.close()
      const again = await startSharpSpringMock({ dataDir: dir })
      try {
        expect(again.state.tables.dealStage.get(String(id))).toMatchObject({ dealStageName: 'New' })
      } finally {
        await again.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
