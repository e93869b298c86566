import type { IncomingHttpHeaders } from 'node:http'
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { createManualClock, createSeededRandom, createTempDir } from '@crmkit/mock-kit'
import type { FormFieldEntry } from '@crmkit/s3-post-policy'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  ACCESS_KEY_ID,
  BOUNDARY,
  BUCKET,
  type FilePart,
  type Harness,
  multipartBody,
  parseErrorXml,
  REGION,
  SECRET,
  signedForm,
  startHarness,
  T0,
  tempFiles,
} from '../../test/helpers.js'
import { createS3App } from './app.js'
import { createS3Config } from './domain/config.js'
import { createFileObjectStore } from './storage/file-object-store.js'

// Issue 14's reproducers and their kin, over a real socket: every hostile request gets S3's own answer in
// S3's XML (with the CORS headers a page needs to read it), never a 500, and what is stored reads back.

const ORIGIN = 'https://app.example.test'
let h: Harness
let sdk: S3Client
beforeAll(async () => {
  h = await startHarness()
  sdk = new S3Client({
    region: REGION,
    endpoint: h.s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
  })
})
afterAll(async () => {
  sdk.destroy()
  await h.s3.close()
})

interface Answer {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

/** A request with its path sent exactly as given (`fetch` would resolve `..` and `%2E%2E` first). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer) {
  const { hostname, port } = new URL(h.s3.endpoint)
  return new Promise<Answer>((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, method, path, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      )
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end(body)
  })
}

/**
 * The path and query of an AWS SDK v3 pre-signed GET (or HEAD) link, the key encoded segment by segment
 * as the SDK does. The method is signed: a GET link does not authorise a HEAD.
 */
async function signedPath(
  key: string,
  extra: { method?: 'GET' | 'HEAD'; ResponseContentDisposition?: string } = {},
) {
  const { method = 'GET', ...overrides } = extra
  const command =
    method === 'GET'
      ? new GetObjectCommand({ Bucket: BUCKET, Key: key, ...overrides })
      : new HeadObjectCommand({ Bucket: BUCKET, Key: key, ...overrides })
  const link = await getSignedUrl(sdk, command, { signingDate: T0, expiresIn: 600 })
  expect(link.startsWith(h.s3.endpoint)).toBe(true)
  return link.slice(h.s3.endpoint.length)
}

/** GET and HEAD of `key`, each through its own pre-signed link. */
async function getAndHead(key: string, headers: Record<string, string> = {}) {
  return {
    get: await send('GET', await signedPath(key), headers),
    head: await send('HEAD', await signedPath(key, { method: 'HEAD' }), headers),
  }
}

const postBody = (body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
  send('POST', `/${BUCKET}`, { 'Content-Type': contentType, Origin: ORIGIN }, body)

/** A form whose policy lets through any key and any value of the `extra` fields. */
async function uploadForm(key: string, extra: readonly FormFieldEntry[] = []) {
  const conditions = [
    { bucket: BUCKET },
    ['starts-with', '$key', ''],
    // success_action_status allows only an exact match.
    ...extra.map(([name, value]) =>
      name === 'success_action_status' ? { [name]: value } : ['starts-with', `$${name}`, ''],
    ),
  ]
  return signedForm(conditions, [['key', key], ...extra])
}

async function upload(key: string, extra: readonly FormFieldEntry[] = [], file: Partial<FilePart> = {}) {
  const content = file.content ?? `content of ${JSON.stringify(key)}`
  return postBody(multipartBody(await uploadForm(key, extra), { ...file, content }))
}

/** S3's error document, with its request id headers and the CORS header for the page that asked. */
function expectError(answer: Answer, status: number, code: string, message?: string) {
  expect(answer.status).toBe(status)
  expect(answer.headers['content-type']).toBe('application/xml')
  expect(answer.headers['access-control-allow-origin']).toBe('*')
  const xml = parseErrorXml(answer.body.toString('utf8'))
  expect(xml.code).toBe(code)
  if (message !== undefined) expect(xml.message).toBe(message)
  expect(answer.headers['x-amz-request-id']).toBe(xml.requestId)
  return xml
}

/** Nothing half-written, nothing pending. */
function expectNothingPending() {
  expect(h.s3.store.pendingUploads()).toBe(0)
  expect(tempFiles(h)).toEqual([])
}

describe('the request path is read once, from the request line', () => {
  it.each([['%ZZ'], ['%'], ['a%2'], ['%C3%28'], ['%FF']])('GET /{bucket}/%s: 400 InvalidURI', async (bad) => {
    const path = `/${BUCKET}/${bad}?X-Amz-Algorithm=AWS4-HMAC-SHA256`
    expectError(
      await send('GET', path, { Origin: ORIGIN }),
      400,
      'InvalidURI',
      "Couldn't parse the specified URI.",
    )
    const head = await send('HEAD', path, { Origin: ORIGIN })
    expect(head.status).toBe(400)
    expect(head.body.length).toBe(0)
    expect(head.headers['access-control-allow-origin']).toBe('*')
    expectError(await send('POST', `/%ZZ`, { Origin: ORIGIN }), 400, 'InvalidURI')
  })

  // Keys S3 accepts that a URL library would rewrite or that must be percent-encoded.
  const AWKWARD_KEYS = [
    'a/../b',
    '../up',
    'a/./b',
    '.',
    '..',
    'a/..',
    'a//b',
    '/lead',
    'trail/',
    'sp ace',
    'plus+sign',
    'per%cent%2F',
    'q?uestion#hash',
    'new\nline',
    'cr\rlf',
    'tab\tchar',
    'nul\u0000',
    'ctrl\u0001\u007f\u0085',
    'é/ü/日本/😀',
    '\uFEFFbom',
    'back\\slash',
    `quote"'<>&`,
    '%2E%2E',
    'k'.repeat(1024),
    'é'.repeat(512),
  ]

  it.each(AWKWARD_KEYS.map((key) => [JSON.stringify(key).slice(0, 40), key]))(
    '%s: stored, then read back byte for byte through a pre-signed GET',
    async (_, key) => {
      const content = `content of ${JSON.stringify(key)} \u00ff\u0000`
      const stored = await upload(key, [], { content: Buffer.from(content) })
      expect(stored.status).toBe(204)
      expect(stored.headers.location).toBe(`${h.s3.endpoint}/${BUCKET}/${encodeURIComponent(key)}`)
      const { get, head } = await getAndHead(key)
      expect(get.status).toBe(200)
      expect(get.body.equals(Buffer.from(content))).toBe(true)
      expect(head.status).toBe(200)
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(content)))
      expect(await h.s3.store.delete(BUCKET, key)).toBe(true)
    },
  )

  it('reads `a/../b` through `/a/%2E%2E/b` too: the same key, the same signature', async () => {
    expect((await upload('a/../b')).status).toBe(204)
    const path = await signedPath('a/../b')
    expect(path.startsWith(`/${BUCKET}/a/../b?`)).toBe(true)
    const read = await send('GET', path.replace('/a/../b?', '/a/%2E%2E/b?'))
    expect(read.status).toBe(200)
    expect(read.body.toString()).toBe('content of "a/../b"')
    // The object `b` the normalised URL would name does not exist.
    expect(await h.s3.store.head(BUCKET, 'b')).toBeUndefined()
    await h.s3.store.delete(BUCKET, 'a/../b')
  })

  it.each([
    ['an empty key', '', 'a.txt', 'InvalidArgument', 'User key must have a length greater than 0.'],
    [
      'a key that ${filename} makes empty',
      '${filename}',
      'dir/',
      'InvalidArgument',
      'User key must have a length greater than 0.',
    ],
    ['a key of 1,025 bytes', 'k'.repeat(1025), 'a.txt', 'KeyTooLongError', 'Your key is too long'],
    ['a key of 1,026 bytes of UTF-8', 'é'.repeat(513), 'a.txt', 'KeyTooLongError', 'Your key is too long'],
    [
      'a key that ${filename} makes too long',
      `${'k'.repeat(1020)}\${filename}`,
      'abcde',
      'KeyTooLongError',
      'Your key is too long',
    ],
  ])('refuses %s as S3 does, storing nothing', async (_, key, filename, code, message) => {
    const answer = await upload(key, [], { filename })
    const xml = expectError(answer, 400, code, message)
    if (code === 'KeyTooLongError')
      expect(xml.details.map(([name]) => name)).toEqual(['Size', 'MaxSizeAllowed'])
    else
      expect(xml.details).toEqual([
        ['ArgumentName', 'key'],
        ['ArgumentValue', ''],
      ])
    expectNothingPending()
    expect(await h.s3.store.head(BUCKET, key.replace('${filename}', filename))).toBeUndefined()
  })

  it('answers a GET for a key over 1,024 bytes with KeyTooLongError', async () => {
    const xml = expectError(
      await send('GET', await signedPath('é'.repeat(513)), { Origin: ORIGIN }),
      400,
      'KeyTooLongError',
    )
    expect(xml.details).toEqual([
      ['Size', '1026'],
      ['MaxSizeAllowed', '1024'],
    ])
  })

  it('binds a pre-signed link to one object: a re-encoded bucket reads the signed key', async () => {
    expect((await upload('sec/a')).status).toBe(204)
    expect((await upload('1/sec/a')).status).toBe(204)
    const path = await signedPath('sec/a')
    const query = path.slice(path.indexOf('?'))
    // One letter of the bucket percent-encoded: the same bucket and key, so the same object.
    const replayed = await send('GET', `/%6F${BUCKET.slice(1)}/sec/a${query}`)
    expect(replayed.status).toBe(200)
    expect(replayed.body.toString()).toBe('content of "sec/a"')
    // Other paths are other objects (or another segment list): the signature does not cover them.
    for (const other of [
      `/${BUCKET}/1/sec/a`,
      `/${BUCKET}/sec%2Fa`,
      `/${BUCKET}/sec/a/`,
      `/${BUCKET}//sec/a`,
    ]) {
      expectError(await send('GET', `${other}${query}`, { Origin: ORIGIN }), 403, 'SignatureDoesNotMatch')
    }
    await h.s3.store.delete(BUCKET, 'sec/a')
    await h.s3.store.delete(BUCKET, '1/sec/a')
  })
})

describe('stored values always make a valid answer', () => {
  it.each([
    // (HTTP drops a header value's trailing spaces.)
    ['Content-Type', 'text/plain\u0001', 'content-type', 'text/plain'],
    ['Content-Type', 'text/日本', 'content-type', 'text/'],
    ['Content-Type', 'text/plain\r\nX-Injected: 1', 'content-type', 'text/plain  X-Injected: 1'],
    [
      'Content-Disposition',
      'attachment; filename="日本.txt"',
      'content-disposition',
      'attachment; filename="  .txt"',
    ],
    ['Cache-Control', 'no-\u0000cache', 'cache-control', 'no- cache'],
    ['x-amz-meta-name', 'plain text_=?', 'x-amz-meta-name', 'plain text_=?'],
    ['x-amz-meta-name', 'é', 'x-amz-meta-name', '=?UTF-8?Q?=C3=A9?='],
    ['x-amz-meta-name', '日本 語', 'x-amz-meta-name', '=?UTF-8?Q?=E6=97=A5=E6=9C=AC_=E8=AA=9E?='],
    ['x-amz-meta-name', 'a\nb', 'x-amz-meta-name', '=?UTF-8?B?YQpi?='],
    ['x-amz-meta-name', '\u0000', 'x-amz-meta-name', '=?UTF-8?B?AA==?='],
  ])('%s %j: GET and HEAD answer %s: %j', async (field, value, header, expected) => {
    const key = `meta/${field}/${value}`
    expect((await upload(key, [[field, value]])).status).toBe(204)
    for (const answer of Object.values(await getAndHead(key))) {
      expect(answer.status).toBe(200)
      expect(answer.headers[header]).toBe(expected)
      expect(answer.headers['x-injected']).toBeUndefined()
    }
    await h.s3.store.delete(BUCKET, key)
  })

  it('leaves out metadata named with characters no header name has, counted in x-amz-missing-meta', async () => {
    const key = 'meta/names'
    const extra: FormFieldEntry[] = [
      ['x-amz-meta-ok', '1'],
      ['x-amz-meta-sp ace', '2'],
      ['x-amz-meta-é', '3'],
      ['x-amz-meta-a:b', '4'],
    ]
    expect((await upload(key, extra)).status).toBe(204)
    for (const answer of Object.values(await getAndHead(key))) {
      expect(answer.status).toBe(200)
      expect(answer.headers['x-amz-meta-ok']).toBe('1')
      expect(answer.headers['x-amz-missing-meta']).toBe('3')
    }
    await h.s3.store.delete(BUCKET, key)
  })

  it('refuses more than 2 KB of user metadata with MetadataTooLarge, and takes exactly 2 KB', async () => {
    const over = await upload('meta/large', [
      ['x-amz-meta-a', 'x'.repeat(2000)],
      ['x-amz-meta-b', 'y'.repeat(47)],
    ])
    const xml = expectError(
      over,
      400,
      'MetadataTooLarge',
      'Your metadata headers exceed the maximum allowed metadata size.',
    )
    expect(xml.details).toEqual([
      ['Size', '2049'],
      ['MaxSizeAllowed', '2048'],
    ])
    expectNothingPending()
    expect(await h.s3.store.head(BUCKET, 'meta/large')).toBeUndefined()
    const fits = await upload('meta/large', [
      ['x-amz-meta-a', 'x'.repeat(2000)],
      ['x-amz-meta-b', 'y'.repeat(46)],
    ])
    expect(fits.status).toBe(204)
    expect((await send('GET', await signedPath('meta/large'))).status).toBe(200)
    await h.s3.store.delete(BUCKET, 'meta/large')
  })

  it('refuses a response-* override no header can carry as S3 does, not with a 500', async () => {
    expect((await upload('override.txt')).status).toBe(204)
    const path = await signedPath('override.txt', {
      ResponseContentDisposition: 'attachment; filename="日本.txt"',
    })
    const xml = expectError(
      await send('GET', path, { Origin: ORIGIN }),
      400,
      'InvalidArgument',
      'Header value cannot be represented using ISO-8859-1.',
    )
    expect(xml.details).toEqual([
      ['ArgumentName', 'response-content-disposition'],
      ['ArgumentValue', 'attachment; filename="日本.txt"'],
    ])
    // A value ISO-8859-1 can carry is sent. (Checked on HEAD: with a body, Node's flushHeaders() writes the
    // header block as UTF-8 rather than ISO-8859-1, see FIDELITY.md.)
    const disposition = 'inline; filename="é"'
    const latin1 = await send(
      'HEAD',
      await signedPath('override.txt', { method: 'HEAD', ResponseContentDisposition: disposition }),
    )
    expect(latin1.status).toBe(200)
    expect(latin1.headers['content-disposition']).toBe(disposition)
    const get = await send(
      'GET',
      await signedPath('override.txt', { ResponseContentDisposition: disposition }),
    )
    expect(get.status).toBe(200)
    await h.s3.store.delete(BUCKET, 'override.txt')
  })
})

describe('a multipart body S3 cannot read: MalformedPOSTRequest, never a 500', () => {
  const part = (disposition: string, content: string, type?: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type === undefined ? '' : `Content-Type: ${type}\r\n`}\r\n${content}\r\n`
  const formHead = async () =>
    (await multipartBody(await uploadForm('broken.txt'))).toString('utf8').replace(`--${BOUNDARY}--\r\n`, '')
  const close = `--${BOUNDARY}--\r\n`

  const BODIES: Array<[string, () => Promise<string>]> = [
    [
      'a field without a name',
      async () =>
        `${part('form-data', 'x')}${await formHead()}${part('form-data; name="file"; filename="a.txt"', 'abc')}${close}`,
    ],
    [
      'a file part without a name',
      async () => `${await formHead()}${part('form-data; filename="a.txt"', 'abc')}${close}`,
    ],
    [
      'a field with an empty name',
      async () =>
        `${part('form-data; name=""', 'x')}${await formHead()}${part('form-data; name="file"; filename="a.txt"', 'abc')}${close}`,
    ],
    [
      'a body ending inside the file part',
      async () =>
        `${await formHead()}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc`,
    ],
    [
      'a body ending inside a field',
      async () =>
        `${await formHead()}--${BOUNDARY}\r\nContent-Disposition: form-data; name="x-ignore-a"\r\n\r\nabc`,
    ],
    ['a body ending inside part headers', async () => `${await formHead()}--${BOUNDARY}\r\nContent-Dispo`],
    [
      'a body without its closing delimiter',
      async () => `${await formHead()}${part('form-data; name="file"; filename="a.txt"', 'abc')}`,
    ],
    ['a body that is no multipart at all', async () => 'hello'],
  ]

  it.each(BODIES)('%s', async (_, make) => {
    expectError(await postBody(Buffer.from(await make())), 400, 'MalformedPOSTRequest')
    expectNothingPending()
    expect(await h.s3.store.head(BUCKET, 'broken.txt')).toBeUndefined()
  })

  it.each([
    ['multipart/form-data'],
    ['multipart/form-data; boundary='],
    ['multipart/form-data; charset=utf-8; boundary'],
  ])('a Content-Type without a usable boundary: %s', async (contentType) => {
    const body = multipartBody(await uploadForm('broken.txt'), { content: 'abc' })
    expectError(await postBody(body, contentType), 400, 'MalformedPOSTRequest')
    expectNothingPending()
  })

  // busboy throws its own Error for these; the parser reports every one as a MultipartError.
  it.each([
    ['multipart/form-data; boundary="'],
    ['multipart/form-data; boundary=a b'],
    ['multipart/form-data;;boundary=x'],
  ])('a broken Content-Type: %s', async (contentType) => {
    const body = multipartBody(await uploadForm('broken.txt'), { content: 'abc' })
    expectError(await postBody(body, contentType), 400, 'MalformedPOSTRequest')
  })

  it('a body ending inside a field that has a filename', async () => {
    const body = `${await formHead()}--${BOUNDARY}\r\nContent-Disposition: form-data; name="x-ignore-a"; filename="f"\r\n\r\nabc`
    expectError(await postBody(Buffer.from(body)), 400, 'MalformedPOSTRequest')
  })
})

describe('a client that half-closes its socket after a complete request', () => {
  /** Writes a whole POST on a raw socket, half-closes it, and returns everything the server wrote back. */
  async function postAndHalfClose(port: number, key: string): Promise<string> {
    const body = multipartBody(await uploadForm(key), { content: 'half-closed' })
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    const closed = new Promise((resolve) => socket.on('close', resolve))
    socket.write(
      `POST /${BUCKET} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${body.length}\r\n\r\n`,
    )
    socket.write(body)
    socket.end()
    await closed
    return Buffer.concat(chunks).toString('latin1')
  }

  it('gets its answer from the S3 app on a server that keeps half-open sockets', async () => {
    const dir = createTempDir('crmkit-s3-half-open-')
    const store = await createFileObjectStore({
      root: dir.path,
      random: createSeededRandom(5),
      persistMetadata: false,
    })
    const app = createS3App({
      config: createS3Config(),
      store,
      clock: createManualClock(T0),
      random: createSeededRandom(6),
    })
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started))
    })
    // What mock-kit's startServer needs to do (Node ends a half-closed socket at once otherwise).
    ;(server as unknown as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true
    try {
      const answer = await postAndHalfClose((server.address() as AddressInfo).port, 'half/open.txt')
      expect(answer).toMatch(/^HTTP\/1\.1 204 No Content\r\n/)
      expect(await store.head(BUCKET, 'half/open.txt')).toMatchObject({ size: 'half-closed'.length })
    } finally {
      await new Promise((resolve) => server.close(resolve))
      await store.close()
      dir.remove()
    }
  })

  // Node's default ends the socket as soon as the client's FIN arrives, before the answer; mock-kit's
  // startServer keeps half-open sockets, so the answer still goes out.
  it('gets its answer from the emulator as mock-kit serves it', async () => {
    const answer = await postAndHalfClose(Number(new URL(h.s3.endpoint).port), 'half/emulator.txt')
    await vi.waitFor(async () => expect(await h.s3.store.head(BUCKET, 'half/emulator.txt')).toBeDefined())
    expect(answer).toMatch(/^HTTP\/1\.1 204 No Content\r\n/)
  })
})

describe('more hostile requests', () => {
  it('answers a signature over impossible header names with SignatureDoesNotMatch, not a 500', async () => {
    expect((await upload('signed.txt')).status).toBe(204)
    const path = await signedPath('signed.txt')
    for (const names of ['host%3Bbad%20name', '%3B', '', 'host%3B%E6%97%A5']) {
      const tampered = path.replace('X-Amz-SignedHeaders=host', `X-Amz-SignedHeaders=${names}`)
      expectError(await send('GET', tampered, { Origin: ORIGIN }), 403, 'SignatureDoesNotMatch')
    }
  })

  it.each([
    ['&odd=%ZZ', 403],
    ['&X-Amz-Date=%FF', 400],
    ['&%ZZ=1', 403],
  ])('answers a query with odd encodings (%s) in S3 XML', async (extra, status) => {
    const answer = await send('GET', `${await signedPath('signed.txt')}${extra}`, { Origin: ORIGIN })
    expect(answer.status).toBe(status)
    expect(() => parseErrorXml(answer.body.toString())).not.toThrow()
  })

  it('answers any range of an empty object with 416 InvalidRange naming the range, HEAD with the status', async () => {
    expect((await upload('empty.bin', [], { content: '' })).status).toBe(204)
    for (const range of ['bytes=0-', 'bytes=-5', 'bytes=0-0']) {
      const { get, head } = await getAndHead('empty.bin', { Range: range, Origin: ORIGIN })
      const xml = expectError(get, 416, 'InvalidRange')
      expect(xml.details).toEqual([
        ['RangeRequested', range],
        ['ActualObjectSize', '0'],
      ])
      expect(head.status).toBe(416)
      expect(head.body.length).toBe(0)
    }
    // No range, or one S3 ignores: the whole (empty) object.
    expect((await send('GET', await signedPath('empty.bin'))).status).toBe(200)
    expect((await send('GET', await signedPath('empty.bin'), { Range: 'bytes=a-b' })).status).toBe(200)
  })

  it('answers HEAD with the headers of GET and no body, ranges included', async () => {
    expect((await upload('range.txt', [], { content: '0123456789' })).status).toBe(204)
    for (const range of [undefined, 'bytes=2-4', 'bytes=-3', 'bytes=8-100']) {
      const { get, head } = await getAndHead('range.txt', range === undefined ? {} : { Range: range })
      expect(get.status).toBe(range === undefined ? 200 : 206)
      expect(head.status).toBe(get.status)
      expect(head.body.length).toBe(0)
      for (const name of ['content-length', 'content-range', 'etag', 'content-type', 'last-modified']) {
        expect(head.headers[name], `${range} ${name}`).toBe(get.headers[name])
      }
    }
  })

  it.each([
    ['https://example.test/done?x=1#frag', 'https://example.test/done?x=1&bucket=', '#frag'],
    [
      'https://例え.test/パス?q=日本',
      'https://xn--r8jz45g.test/%E3%83%91%E3%82%B9?q=%E6%97%A5%E6%9C%AC&bucket=',
      '',
    ],
    ['https://example.test/a\nb"c<d>', 'https://example.test/ab%22c%3Cd%3E?bucket=', ''],
    ['HTTP://User:Pw@EXAMPLE.test:8080', 'http://User:Pw@example.test:8080/?bucket=', ''],
  ])('success_action_redirect %j: 303 to an ASCII Location', async (redirect, start, end) => {
    const key = 'redirect.txt'
    const answer = await upload(key, [['success_action_redirect', redirect]])
    expect(answer.status).toBe(303)
    const location = String(answer.headers.location)
    expect(location).toMatch(/^[\x21-\x7e]+$/)
    expect(location.startsWith(start)).toBe(true)
    expect(location).toContain(`bucket=${BUCKET}&key=${key}&etag=%22`)
    expect(location.endsWith(end)).toBe(true)
  })

  it.each([['http://exa mple.test/'], ['http://[::1'], ['javascript:alert(1)'], ['/relative/path'], ['']])(
    'success_action_redirect %j cannot be used: ignored, as S3 does',
    async (redirect) => {
      const answer = await upload('redirect.txt', [['success_action_redirect', redirect]])
      expect(answer.status).toBe(204)
      expect(answer.headers.location).toBe(`${h.s3.endpoint}/${BUCKET}/redirect.txt`)
    },
  )

  it('writes a key with a carriage return and markup into PostResponse as XML can carry it', async () => {
    const key = 'x\r<&>'
    const answer = await upload(key, [['success_action_status', '201']])
    expect(answer.status).toBe(201)
    expect(answer.body.toString()).toContain('<Key>x&#13;&lt;&amp;&gt;</Key>')
    await h.s3.store.delete(BUCKET, key)
  })
})
