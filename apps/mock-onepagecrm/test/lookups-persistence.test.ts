import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_PIPELINE_ID } from '../src/api/domain/account-defaults.js'
import { createStateFile } from '../src/api/storage/state-file.js'

// A data directory written before pipelines, deal costs and the account's lookups still loads.

const root = mkdtempSync(join(tmpdir(), 'crmkit-api-lookups-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('a data directory from an earlier crmkit', () => {
  it('gives its deals the default pipeline, one month, no cost and no deal fields', () => {
    const path = join(root, 'state.json')
    const deal = {
      id: '5aaa9b059007ba08c9ebaf58',
      contact_id: '5ae06ef9d55673108fe8877f',
      author_id: '5aba31e99007ba0f570c12f7',
      owner_id: '5aba31e99007ba0f570c12f7',
      name: 'Old deal',
      text: '',
      amount: 10,
      status: 'pending',
      stage: 10,
      date: '2026-01-01',
      expected_close_date: '2026-01-01',
      close_date: '2026-01-01',
      created_at: '2026-01-01T00:00:00Z',
      modified_at: '2026-01-01T00:00:00Z',
    }
    writeFileSync(path, JSON.stringify({ version: 1, deal: [deal] }))
    const state = createStateFile(path).load()
    expect(state?.deal.get(deal.id)).toEqual({
      ...deal,
      pipeline_id: DEFAULT_PIPELINE_ID,
      months: 1,
      cost: 0,
      deal_fields: [],
    })
    expect([...(state?.pipelines.keys() ?? [])]).toEqual([DEFAULT_PIPELINE_ID])
    expect(state?.relationship_types.size).toBe(0)
  })
})
