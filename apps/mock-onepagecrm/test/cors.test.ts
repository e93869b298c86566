import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUCKET, type Harness, multipartBody, parseErrorXml, signedForm, startHarness } from './helpers.js'

let on: Harness
let off: Harness
beforeAll(async () => {
  on = await startHarness()
  off = await startHarness({ config: { cors: false } })
})
afterAll(async () => {
  await on.s3.close()
  await off.s3.close()
})

const preflight = (url: string, origin?: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      ...(origin ? { Origin: origin } : {}),
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type, x-requested-with',
    },
  })

describe('CORS for browser uploads', () => {
  it('answers preflights and marks answers readable by any origin, by default', async () => {
    const response = await preflight(on.bucketUrl, 'https://app.example.test')
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    // POST forms, and pre-signed GET, PUT and DELETE links from a page.
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST, PUT, DELETE')
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-requested-with')

    const fields = await signedForm([{ bucket: BUCKET }, ['starts-with', '$key', '']], [['key', 'cors.txt']])
    const upload = await fetch(on.bucketUrl, {
      method: 'POST',
      body: multipartBody(fields, { content: 'x' }),
      headers: {
        'Content-Type': 'multipart/form-data; boundary=----crmkitTestBoundary7MA4YWxkTrZu0gW',
        Origin: 'https://app.example.test',
      },
    })
    expect(upload.status).toBe(204)
    expect(upload.headers.get('access-control-allow-origin')).toBe('*')
    expect(upload.headers.get('access-control-expose-headers')).toContain('ETag')
  })

  it('refuses a preflight without Origin', async () => {
    const response = await preflight(on.bucketUrl)
    expect(response.status).toBe(400)
    expect(parseErrorXml(await response.text())).toMatchObject({ code: 'BadRequest' })
  })

  it('answers 403 CORSResponse when switched off, as a bucket without CORS rules', async () => {
    const response = await preflight(off.bucketUrl, 'https://app.example.test')
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(parseErrorXml(await response.text())).toMatchObject({
      code: 'CORSResponse',
      message: 'CORS is not enabled for this bucket.',
    })
  })
})
