import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseErrorXml } from './helpers.js'
import { createS3AppHarness, type S3AppHarness } from './s3-app-harness.js'

// GetObject and HeadObject with conditional headers, through app.request():
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (If-Match, If-None-Match,
// If-Modified-Since, If-Unmodified-Since) and RFC 9110 §13.2.2 for their order.

let h: S3AppHarness
let etag: string
// The object is stored at T0 (2026-03-01T12:00:00Z).
const BEFORE = 'Sun, 01 Mar 2026 11:59:59 GMT'
const AT = 'Sun, 01 Mar 2026 12:00:00 GMT'
const AFTER = 'Sun, 01 Mar 2026 12:00:01 GMT'

beforeAll(async () => {
  h = await createS3AppHarness()
  const object = await h.put('cond.txt', 'conditional', {
    headers: { 'Cache-Control': 'max-age=60' },
    metadata: { colour: 'blue' },
  })
  etag = object.etag
})
afterAll(() => h.close())

// The emulator's own signer makes GET links; HEAD with conditions goes through the AWS SDK (aws-sdk.test.ts).
async function request(headers: Record<string, string>) {
  const response = await h.app.request(await h.link('cond.txt'), { headers })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

describe('conditional GET', () => {
  it.each([
    ['If-None-Match equal', { 'If-None-Match': '"ETAG"' }, 304],
    ['If-None-Match other', { 'If-None-Match': '"0123"' }, 200],
    ['If-None-Match *', { 'If-None-Match': '*' }, 304],
    ['If-None-Match in a list, weak', { 'If-None-Match': '"0123", W/"ETAG"' }, 304],
    ['If-Match equal', { 'If-Match': '"ETAG"' }, 200],
    ['If-Match unquoted', { 'If-Match': 'ETAG' }, 200],
    ['If-Match other', { 'If-Match': '"0123"' }, 412],
    ['If-Match weak never matches', { 'If-Match': 'W/"ETAG"' }, 412],
    ['If-Modified-Since before', { 'If-Modified-Since': BEFORE }, 200],
    ['If-Modified-Since at', { 'If-Modified-Since': AT }, 304],
    ['If-Modified-Since after', { 'If-Modified-Since': AFTER }, 304],
    ['If-Modified-Since not a date', { 'If-Modified-Since': 'yesterday' }, 200],
    ['If-Unmodified-Since before', { 'If-Unmodified-Since': BEFORE }, 412],
    ['If-Unmodified-Since at', { 'If-Unmodified-Since': AT }, 200],
    // AWS's documented pairs.
    [
      'If-Match true, If-Unmodified-Since false',
      { 'If-Match': '"ETAG"', 'If-Unmodified-Since': BEFORE },
      200,
    ],
    [
      'If-None-Match false, If-Modified-Since true',
      { 'If-None-Match': '"ETAG"', 'If-Modified-Since': BEFORE },
      304,
    ],
    // The other pairs follow RFC 9110's order.
    [
      'If-None-Match true, If-Modified-Since false',
      { 'If-None-Match': '"0123"', 'If-Modified-Since': AT },
      200,
    ],
    ['If-Match false, If-None-Match false', { 'If-Match': '"0123"', 'If-None-Match': '"ETAG"' }, 412],
    [
      'If-Unmodified-Since false, If-None-Match false',
      { 'If-Unmodified-Since': BEFORE, 'If-None-Match': '*' },
      412,
    ],
    ['If-Match true, If-None-Match false', { 'If-Match': '*', 'If-None-Match': '"ETAG"' }, 304],
  ])('%s → %i', async (_, raw, status) => {
    const headers = Object.fromEntries(
      Object.entries(raw).map(([name, value]) => [name, value.replace('ETAG', etag.slice(1, -1))]),
    )
    const answer = await request(headers)
    expect(answer.status).toBe(status)
    if (status === 200) expect(answer.text).toBe('conditional')
    if (status === 412) {
      const condition = 'If-Match' in raw ? 'If-Match' : 'If-Unmodified-Since'
      expect(parseErrorXml(answer.text)).toMatchObject({
        code: 'PreconditionFailed',
        message: 'At least one of the pre-conditions you specified did not hold',
        details: [['Condition', condition]],
      })
    }
  })

  it('answers 304 with no body and the validators and caching headers only', async () => {
    const answer = await request({ 'If-None-Match': etag })
    expect(answer.status).toBe(304)
    expect(answer.text).toBe('')
    expect(answer.headers.get('etag')).toBe(etag)
    expect(answer.headers.get('last-modified')).toBe(AT)
    expect(answer.headers.get('cache-control')).toBe('max-age=60')
    expect(answer.headers.get('x-amz-server-side-encryption')).toBe('AES256')
    for (const absent of ['content-type', 'content-length', 'x-amz-meta-colour', 'accept-ranges'])
      expect(answer.headers.get(absent), absent).toBeNull()
    expect(answer.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/)
  })

  it('checks conditions before the range: a 304 or 412 wins over an unsatisfiable range', async () => {
    expect((await request({ 'If-None-Match': etag, Range: 'bytes=500-' })).status).toBe(304)
    expect((await request({ 'If-Match': '"0"', Range: 'bytes=500-' })).status).toBe(412)
    const ranged = await request({ 'If-Match': etag, Range: 'bytes=0-3' })
    expect(ranged.status).toBe(206)
    expect(ranged.text).toBe('cond')
  })

  it('answers a missing object 404 whatever the conditions', async () => {
    const link = await h.link('absent.txt')
    const answer = await h.app.request(link, { headers: { 'If-None-Match': '*' } })
    expect(answer.status).toBe(404)
    expect(parseErrorXml(await answer.text()).code).toBe('NoSuchKey')
  })
})

describe('InvalidRange', () => {
  it('echoes the Range header as sent and the object size', async () => {
    for (const range of ['bytes=11-', 'bytes=100-200', 'bytes = 20-']) {
      const answer = await request({ Range: range })
      expect(answer.status).toBe(416)
      expect(parseErrorXml(answer.text)).toMatchObject({
        code: 'InvalidRange',
        message: 'The requested range is not satisfiable',
        details: [
          ['RangeRequested', range],
          ['ActualObjectSize', '11'],
        ],
      })
    }
  })
})
