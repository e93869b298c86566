import { describe, expect, it } from 'vitest'
import { headerValue, recordedSigningTime } from './recorded-request.js'

const form = [
  '--b',
  'Content-Disposition: form-data; name="X-Amz-Date"',
  '',
  '20260115T090000Z',
  '--b',
  'Content-Disposition: form-data; name="file"; filename="a.txt"',
  '',
  'a',
  '--b--',
].join('\r\n')

describe('recordedSigningTime', () => {
  it("reads a POST form's x-amz-date from a spec 4 base64 body, a spec 3 base64 string and a plain one", () => {
    const base64 = Buffer.from(form).toString('base64')
    expect(recordedSigningTime({ body: { content: base64, encoded: 'base64' } })).toBe(
      '2026-01-15T09:00:00.000Z',
    )
    expect(recordedSigningTime({ body: base64 })).toBe('2026-01-15T09:00:00.000Z')
    expect(recordedSigningTime({ body: form })).toBe('2026-01-15T09:00:00.000Z')
  })

  it("reads a presigned URL's X-Amz-Date and a signed request's x-amz-date header", () => {
    expect(recordedSigningTime({ query: { 'X-Amz-Date': ['20260201T120000Z'] } })).toBe(
      '2026-02-01T12:00:00.000Z',
    )
    expect(recordedSigningTime({ query: 'X-Amz-Date=20260201T120000Z&X-Amz-Expires=60' })).toBe(
      '2026-02-01T12:00:00.000Z',
    )
    expect(recordedSigningTime({ headers: { 'X-Amz-Date': '20260301T000000Z' } })).toBe(
      '2026-03-01T00:00:00.000Z',
    )
  })

  it('is undefined for an unsigned request or a date that is not SigV4s', () => {
    expect(recordedSigningTime({ body: { name: 'x' } })).toBeUndefined()
    expect(
      recordedSigningTime({ headers: { 'x-amz-date': 'Mon, 01 Mar 2026 00:00:00 GMT' } }),
    ).toBeUndefined()
  })
})

describe('headerValue', () => {
  it('finds a header whatever its case, as a string or an array', () => {
    expect(headerValue({ HOST: ['b.s3.amazonaws.com'] }, 'host')).toBe('b.s3.amazonaws.com')
    expect(headerValue({ Host: 'x' }, 'host')).toBe('x')
    expect(headerValue(undefined, 'host')).toBeUndefined()
  })
})
