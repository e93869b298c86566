import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createHostInspection } from './host-inspection.js'
import { RECORD_BOUNDS } from './inspection-bounds.js'
import type { MockService } from './mock-service.js'

const service = (name: string, inspect: MockService['inspect']): MockService => ({
  name,
  app: new Hono(),
  faultAnswers: {},
  reset: async () => {},
  seed: async () => ({ ok: false, error: 'no seed' }),
  close: async () => {},
  inspect,
})

describe('createHostInspection', () => {
  it('keeps a records answer within its byte budget, every group still named with its total', async () => {
    // 8 KiB a row, 1000 rows in each of two groups: twice the budget.
    const row = (id: number) => ({
      id,
      ...Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`f${k}`, 'x'.repeat(1000)])),
    })
    const big = service('big', {
      records: (limit) =>
        ['a', 'b'].map((name) => ({
          name,
          title: name,
          total: 1000,
          columns: ['id'],
          rows: Array.from({ length: Math.min(limit, 1000) }, (_, id) => row(id)),
        })),
    })
    const answer = await createHostInspection(() => [big, service('none', undefined)]).records({
      limit: 1000,
    })
    expect(answer.services.map((entry) => entry.service)).toEqual(['big'])
    const groups = answer.services[0]?.groups ?? []
    expect(groups.map((group) => [group.name, group.total])).toEqual([
      ['a', 1000],
      ['b', 1000],
    ])
    expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThanOrEqual(
      RECORD_BOUNDS.maxAnswerBytes + 64 * 1024,
    )
    expect(groups[0]?.rows).toHaveLength(1000)
    expect(groups[1]?.rows.length).toBeGreaterThan(0)
    expect(groups[1]?.rows.length).toBeLessThan(100)
    expect(groups[1]?.rows[0]).toEqual(row(0))
  })

  it('merges the files of every service newest first, and takes a service that keeps none', async () => {
    const file = (id: string, created: string) => ({
      id,
      name: id,
      contentType: 'text/plain',
      size: 1,
      created,
    })
    const inspection = createHostInspection(() => [
      service('one', {
        files: async () => ({
          total: 2,
          files: [file('b', '2030-01-03T00:00:00Z'), file('a', '2030-01-01T00:00:00Z')],
        }),
      }),
      service('two', { files: async () => ({ total: 1, files: [file('c', '2030-01-02T00:00:00Z')] }) }),
      service('three', {}),
    ])
    const answer = await inspection.files({ limit: 2 })
    expect(answer.total).toBe(3)
    expect(answer.files.map((entry) => `${entry.service}:${entry.id}`)).toEqual(['one:b', 'two:c'])
    expect(await inspection.openFile('three', 'x')).toBeUndefined()
    expect(await inspection.openFile('nobody', 'x')).toBeUndefined()
  })
})
