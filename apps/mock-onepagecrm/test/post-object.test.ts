import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BOUNDARY,
  BUCKET,
  type Harness,
  multipartBody,
  parseErrorXml,
  post,
  signedForm,
  startHarness,
  tempFiles,
} from './helpers.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.s3.close())

const CONDITIONS = [
  { bucket: BUCKET },
  ['starts-with', '$key', 'ok/'],
  ['content-length-range', 0, 1024 * 1024],
]

describe('POST Object: success answers (docs/s3-post-policy-rules.md, "Success answers")', () => {
  it('answers 204 by default with ETag and Location, and stores the form metadata', async () => {
    const fields = await signedForm(
      [...CONDITIONS, ['starts-with', '$Content-Type', 'text/'], ['starts-with', '$x-amz-meta-TEST-2', '']],
      [
        ['key', 'ok/${filename}'],
        ['Content-Type', 'text/plain'],
        ['x-amz-meta-TEST-2', 'Value'],
      ],
    )
    const response = await post(
      h.bucketUrl,
      multipartBody(fields, { content: 'abcdef', filename: 'C:\\Users\\me\\report—final.txt' }),
    )
    expect(response.status).toBe(204)
    expect(response.text).toBe('')
    expect(response.headers.get('content-type')).toBeNull()
    expect(response.headers.get('etag')).toBe('"e80b5017098950fc58aad83c8c14978e"')
    expect(response.headers.get('location')).toBe(`${h.bucketUrl}/ok%2Freport%E2%80%94final.txt`)
    expect(response.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/)
    expect(await h.s3.store.head(BUCKET, 'ok/report—final.txt')).toMatchObject({
      size: 6,
      contentType: 'text/plain',
      metadata: { 'test-2': 'Value' },
      acl: 'private',
    })
  })

  it('answers 201 with PostResponse XML whose elements equal the headers', async () => {
    const fields = await signedForm(
      [...CONDITIONS, { success_action_status: '201' }],
      [
        ['key', 'ok/created.txt'],
        ['success_action_status', '201'],
      ],
    )
    const response = await post(h.bucketUrl, multipartBody(fields, { content: 'abcdef' }))
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/xml')
    expect(response.text).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse><Location>${h.bucketUrl}/ok%2Fcreated.txt</Location><Bucket>${BUCKET}</Bucket><Key>ok/created.txt</Key><ETag>"e80b5017098950fc58aad83c8c14978e"</ETag></PostResponse>`,
    )
    expect(response.headers.get('location')).toBe(`${h.bucketUrl}/ok%2Fcreated.txt`)
  })

  it.each([
    ['200', 200],
    ['204', 204],
    ['404', 204],
  ])('success_action_status=%s answers %i', async (value, status) => {
    const fields = await signedForm(
      [...CONDITIONS, { success_action_status: value }],
      [
        ['key', 'ok/status.txt'],
        ['success_action_status', value],
      ],
    )
    const response = await post(h.bucketUrl, multipartBody(fields, { content: 'x' }))
    expect(response.status).toBe(status)
    expect(response.text).toBe('')
  })

  it('redirects 303 with bucket, key and etag; ignores a relative redirect', async () => {
    const redirect = 'https://app.example.test/done?from=s3'
    const fields = await signedForm(
      [...CONDITIONS, ['starts-with', '$success_action_redirect', ''], { success_action_status: '201' }],
      [
        ['key', 'ok/redirected.txt'],
        ['success_action_redirect', redirect],
        ['success_action_status', '201'],
      ],
    )
    const response = await post(h.bucketUrl, multipartBody(fields, { content: 'abcdef' }))
    expect(response.status).toBe(303)
    const location = new URL(response.headers.get('location') ?? '')
    expect(location.origin + location.pathname).toBe('https://app.example.test/done')
    expect(Object.fromEntries(location.searchParams)).toEqual({
      from: 's3',
      bucket: BUCKET,
      key: 'ok/redirected.txt',
      etag: '"e80b5017098950fc58aad83c8c14978e"',
    })
    const relative = await signedForm(
      [...CONDITIONS, ['starts-with', '$success_action_redirect', '']],
      [
        ['key', 'ok/relative.txt'],
        ['success_action_redirect', '/done'],
      ],
    )
    expect((await post(h.bucketUrl, multipartBody(relative, { content: 'x' }))).status).toBe(204)
  })

  it('takes a file part without filename as the file and keeps ${filename} literally [LS]', async () => {
    const fields = await signedForm(CONDITIONS, [['key', 'ok/file-as-field-${filename}']])
    const response = await post(
      h.bucketUrl,
      multipartBody(fields, { content: Buffer.alloc(300_000, 1), filename: null, type: 'text/plain' }),
    )
    expect(response.status).toBe(204)
    expect(await h.s3.store.head(BUCKET, 'ok/file-as-field-${filename}')).toMatchObject({ size: 300_000 })
  })

  it('ignores fields after the file and a second file part', async () => {
    const fields = await signedForm(CONDITIONS, [['key', 'ok/first.txt']])
    const body = Buffer.concat([
      multipartBody(fields, { content: 'first' }, [['acl', 'public-read']]).subarray(
        0,
        -(BOUNDARY.length + 6),
      ),
      multipartBody([], { content: 'second' }),
    ])
    const response = await post(h.bucketUrl, body)
    expect(response.status).toBe(204)
    expect(await h.s3.store.head(BUCKET, 'ok/first.txt')).toMatchObject({ size: 5, acl: 'private' })
  })

  it('answers NoSuchBucket for a bucket it does not have', async () => {
    const response = await post(
      `${h.s3.endpoint}/no-such-bucket`,
      multipartBody([['key', 'a']], { content: 'x' }),
    )
    expect(response.status).toBe(404)
    expect(parseErrorXml(response.text)).toMatchObject({
      code: 'NoSuchBucket',
      details: [['BucketName', 'no-such-bucket']],
    })
  })
})

describe('POST Object: a client that disconnects mid-body', () => {
  it('leaves no object and no temporary file', async () => {
    const fields = await signedForm(CONDITIONS, [['key', 'ok/cut-off.bin']])
    const head = multipartBody(fields, { content: Buffer.alloc(0) }).subarray(0, -(BOUNDARY.length + 8))
    const { port } = new URL(h.s3.endpoint)
    const socket = connect(Number(port), '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', resolve))
    socket.write(
      `POST /${BUCKET} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${head.length + 1_000_000}\r\n\r\n`,
    )
    socket.write(head)
    socket.write(Buffer.alloc(400_000, 2))
    await waitFor(() => h.s3.store.pendingUploads() === 1 && tempFiles(h).length === 1)
    socket.destroy()
    await waitFor(() => h.s3.store.pendingUploads() === 0 && tempFiles(h).length === 0)
    expect(await h.s3.store.head(BUCKET, 'ok/cut-off.bin')).toBeUndefined()
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
