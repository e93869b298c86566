import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  AbortError,
  createOnePageCrmClient,
  createSharpSpringClient,
  HttpStatusError,
  InvalidFileError,
  InvalidResponseError,
  NetworkError,
  TimeoutError,
} from '../src/index.js'
import { patternStream, startOddServer } from './helpers.js'

const CONTACT = '5ae06ef9d55673108fe8877f'
const auth = { userId: '5aba31e99007ba0f570c12f7', apiKey: 'key' }

describe('transport failures', () => {
  it('retries a refused connection (nothing was sent) and then raises NetworkError', async () => {
    const odd = await startOddServer(() => {})
    await odd.close()
    const waits: number[] = []
    const client = createOnePageCrmClient({
      ...auth,
      baseUrl: `${odd.url}/api/v3`,
      retry: { retries: 2, minDelay: 100 },
      random: () => 0.5,
      sleep: async (ms) => void waits.push(ms),
    })
    const error = await client.getUploadForm({ contactId: CONTACT }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ causeCode: 'ECONNREFUSED', notSent: true, attempts: 3 })
    // Exponential backoff, half fixed and half random: 100·2^(n-1) · (0.5 + 0.5·0.5).
    expect(waits).toEqual([75, 150])
  })

  it('raises TimeoutError when a server accepts and never answers', async () => {
    const silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as { port: number }).port
    try {
      const client = createSharpSpringClient({
        accountId: 'a',
        secretKey: 's',
        baseUrl: `http://127.0.0.1:${port}/pubapi`,
        timeout: 200,
        retry: false,
      })
      const error = await client.call('getLeads', { where: {} }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TimeoutError)
      expect(error).toMatchObject({ code: 'CRMKIT_TIMEOUT', timeout: 200 })
    } finally {
      silent.close()
    }
  })

  it('names the failing path of an answer that breaks the vendor schema', async () => {
    const odd = await startOddServer((_req, res) => {
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ status: 0, message: 'OK', timestamp: 1, data: { quota: 'lots' } }))
    })
    try {
      const client = createOnePageCrmClient({ ...auth, baseUrl: `${odd.url}/api/v3` })
      const error = await client.getUploadForm({ contactId: CONTACT }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InvalidResponseError)
      expect((error as InvalidResponseError).issues[0]).toMatch(/^data\.quota: /)
    } finally {
      await odd.close()
    }
  })

  it("raises HttpStatusError for a proxy's HTML 502, retrying idempotent calls first", async () => {
    let hits = 0
    const odd = await startOddServer((_req, res) => {
      hits++
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>')
    })
    try {
      const client = createOnePageCrmClient({
        ...auth,
        baseUrl: `${odd.url}/api/v3`,
        retry: { retries: 1 },
        sleep: async () => {},
      })
      const error = await client.getUploadForm({ contactId: CONTACT }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(HttpStatusError)
      expect(error).toMatchObject({ status: 502, body: '<html>Bad Gateway</html>', attempts: 2 })
      expect(hits).toBe(2)
    } finally {
      await odd.close()
    }
  })

  it("keeps the secret out of errors whose data echoes the request (SharpSpring's data is undocumented)", async () => {
    const secretKey = 'ECHOED-SECRET-0042'
    const odd = await startOddServer((req, res) => {
      const body: Buffer[] = []
      req.on('data', (chunk: Buffer) => body.push(chunk))
      req.on('end', () => {
        const { id } = JSON.parse(Buffer.concat(body).toString()) as { id: string }
        res.setHeader('content-type', 'application/json')
        const data = { url: req.url, reason: `bad key ${secretKey}` }
        const api = { code: 105, message: 'User authentication failed.', data }
        res.end(
          JSON.stringify(
            req.url?.includes('partial')
              ? { result: { creates: [{ success: false, error: api }] }, error: [api], id }
              : { result: null, error: api, id },
          ),
        )
      })
    })
    try {
      for (const path of ['', '/partial']) {
        const client = createSharpSpringClient({ accountId: 'a', secretKey, baseUrl: `${odd.url}${path}` })
        const error = await client.call('createLeads', { objects: [{}] }).catch((e: unknown) => e)
        expect((error as Error).message).toContain('bad key [redacted]')
        expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
          secretKey,
        )
      }
    } finally {
      await odd.close()
    }
  })

  it('raises InvalidFileError for a stream shorter than its size, and for a missing path', async () => {
    const odd = await startOddServer((req, res) => {
      req.resume()
      req.on('end', () => res.end('{}'))
    })
    try {
      const client = createSharpSpringClient({ accountId: 'a', secretKey: 's', baseUrl: `${odd.url}/pubapi` })
      const short = await client
        .uploadProductImage({
          productId: 1,
          image: { source: patternStream(1000), name: 'short.png', size: 5000 },
        })
        .catch((e: unknown) => e)
      expect(short).toBeInstanceOf(InvalidFileError)
      expect((short as Error).message).toBe('short.png: the stream ended after 1000 of its 5000 bytes')
      const missing = await client
        .uploadProductImage({ productId: 1, image: '/nonexistent/crmkit.png' })
        .catch((e: unknown) => e)
      expect(missing).toMatchObject({ code: 'CRMKIT_INVALID_FILE', fileName: 'crmkit.png' })
    } finally {
      await odd.close()
    }
  })

  it('raises AbortError at once for a signal aborted before the call, and during a retry wait', async () => {
    const client = createSharpSpringClient({
      accountId: 'a',
      secretKey: 's',
      baseUrl: 'http://127.0.0.1:9/pubapi',
    })
    const error = await client.call('getLeads', {}, { signal: AbortSignal.abort() }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AbortError)
    const controller = new AbortController()
    const odd = await startOddServer(() => {})
    await odd.close()
    const waiting = createOnePageCrmClient({
      ...auth,
      baseUrl: `${odd.url}/api/v3`,
      onRetry: () => controller.abort(),
    })
    const during = await waiting
      .getUploadForm({ contactId: CONTACT }, { signal: controller.signal })
      .catch((e: unknown) => e)
    expect(during).toMatchObject({ code: 'CRMKIT_ABORTED' })
  })
})
