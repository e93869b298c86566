import { describe, expect, it } from 'vitest'
import { readInspectionQuery } from './inspection-query.js'

const read = (query: string) => readInspectionQuery(new URLSearchParams(query), ['s3', 'sharpspring'], 200)

describe('readInspectionQuery', () => {
  it('reads limit and service, with the default limit', () => {
    expect(read('')).toEqual({ ok: true, limit: 200, service: undefined })
    expect(read('limit=5&service=s3')).toEqual({ ok: true, limit: 5, service: 's3' })
    expect(read('limit=1000')).toMatchObject({ ok: true, limit: 1000 })
  })

  it('refuses what it cannot read, naming it', () => {
    expect(read('limit=0')).toEqual({
      ok: false,
      error: 'limit must be a whole number from 1 to 1000, not "0".',
    })
    for (const limit of ['1001', '-1', '1.5', 'x', ''])
      expect(read(`limit=${limit}`)).toMatchObject({ ok: false })
    expect(read('service=api')).toEqual({ ok: false, error: 'service must be one of: s3, sharpspring.' })
    expect(read('sort=name')).toEqual({
      ok: false,
      error: 'No parameter "sort"; this route takes limit and service.',
    })
  })
})
