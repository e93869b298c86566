import { createServer, get, Agent as HttpAgent, type Server } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { AddressInfo } from 'node:net'
import { Dispatcher, getGlobalDispatcher, setGlobalDispatcher, request as undiciRequest } from 'undici'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { interceptVendors } from '../src/index.js'

// What interceptVendors() does to hosts it does not mock, and that restore() leaves the process as it was.

let local: Server
let localUrl: string
beforeAll(async () => {
  local = createServer((_req, res) => res.end('local answer'))
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve))
  localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/`
})
afterAll(() => new Promise<void>((resolve) => local.close(() => resolve())))

const httpGet = (url: string) =>
  new Promise<string>((resolve, reject) => {
    get(url, (res) => {
      let text = ''
      res.on('data', (chunk) => {
        text += chunk
      })
      res.on('end', () => resolve(text))
    }).on('error', reject)
  })

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error & { cause?: Error & { code?: string }; code?: string }) => error.cause ?? error,
  )

describe("unmatched: 'error' (the default)", () => {
  it('refuses a host crmkit does not mock, naming it and how to allow it, for fetch and node:http', async () => {
    const mocks = await interceptVendors()
    try {
      const refused = await failure(fetch('https://example.com/'))
      expect(refused).toMatchObject({ code: 'ECRMKIT_UNMATCHED' })
      expect(refused?.message).toContain('https://example.com')
      expect(refused?.message).toContain("{ unmatched: 'passthrough' }")
      const refusedHttp = await failure(httpGet('http://example.com/'))
      expect(refusedHttp).toMatchObject({ code: 'ECRMKIT_UNMATCHED' })
      expect(refusedHttp?.message).toContain('no mock answers http://example.com,')
      // A local server is not a vendor either.
      expect(await failure(fetch(localUrl))).toMatchObject({ code: 'ECRMKIT_UNMATCHED' })
      // A bucket the emulator does not have is not routed to it.
      const otherBucket = await failure(fetch('https://someone-else.s3.eu-central-1.amazonaws.com/k'))
      expect(otherBucket).toMatchObject({ code: 'ECRMKIT_UNMATCHED' })
      // … and the error says which buckets it hosts and how to add one, through either door.
      expect(otherBucket?.message).toContain(
        'the S3 emulator hosts onepagecrm-up-eu-central-1, not someone-else: add it with interceptVendors({ s3: { buckets: [...] } })',
      )
      const otherBucketHttp = await failure(httpGet('http://someone-else.s3.eu-central-1.amazonaws.com/k'))
      expect(otherBucketHttp?.message).toContain(
        'the S3 emulator hosts onepagecrm-up-eu-central-1, not someone-else',
      )
    } finally {
      await mocks.restore()
    }
  })
})

describe("unmatched: 'passthrough'", () => {
  it('lets requests to other hosts through, with fetch and node:http, while the vendors stay mocked', async () => {
    const mocks = await interceptVendors({ unmatched: 'passthrough', services: ['sharpspring'] })
    try {
      expect(await (await fetch(localUrl)).text()).toBe('local answer')
      expect(await httpGet(localUrl)).toBe('local answer')
      const health = await fetch('https://api.sharpspring.com/__admin/health')
      expect(await health.json()).toMatchObject({ status: 'ok', service: 'sharpspring' })
    } finally {
      await mocks.restore()
    }
  })
})

describe('restore()', () => {
  it('puts the previous global dispatcher and agents back, is safe twice, and allows a new interception', async () => {
    const dispatcher = getGlobalDispatcher()
    const httpConnect = HttpAgent.prototype.createConnection
    const httpsConnect = (HttpsAgent.prototype as { createConnection?: unknown }).createConnection
    const mocks = await interceptVendors({ services: ['sharpspring'] })
    expect(getGlobalDispatcher()).toBe(mocks.dispatcher)
    expect(HttpAgent.prototype.createConnection).not.toBe(httpConnect)
    await expect(interceptVendors()).rejects.toThrow('already intercepted')
    await mocks.restore()
    await mocks.restore()
    expect(getGlobalDispatcher()).toBe(dispatcher)
    expect(HttpAgent.prototype.createConnection).toBe(httpConnect)
    expect((HttpsAgent.prototype as { createConnection?: unknown }).createConnection).toBe(httpsConnect)
    // After restore the local server is reached the ordinary way again.
    expect(await (await fetch(localUrl)).text()).toBe('local answer')
    const again = await interceptVendors({ services: ['sharpspring'] })
    await again.close()
    expect(getGlobalDispatcher()).toBe(dispatcher)
  })
})

/** Where requests would go without crmkit, in place of the network: it records the host and fails. */
function standInNetwork() {
  const reached: string[] = []
  const offline = (host: string) => {
    reached.push(host)
    return Object.assign(new Error(`stand-in network: ${host}`), { code: 'E_STAND_IN_NETWORK' })
  }
  class Offline extends Dispatcher {
    override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      const error = offline(new URL(String(options.origin)).host)
      const modern = handler as { onResponseError?: (controller: unknown, error: Error) => void }
      const legacy = handler as { onError?: (error: Error) => void }
      if (typeof modern.onResponseError === 'function')
        modern.onResponseError({ abort() {}, pause() {}, resume() {}, aborted: false, paused: false }, error)
      else legacy.onError?.(error)
      return true
    }
  }
  const holder = HttpsAgent.prototype as unknown as { createConnection: unknown }
  const dispatcher = getGlobalDispatcher()
  const createConnection = holder.createConnection
  setGlobalDispatcher(new Offline())
  holder.createConnection = (options: { host?: string }, callback?: (error: Error) => void) => {
    const error = offline(String(options.host))
    if (callback === undefined) throw error
    process.nextTick(callback, error)
    return undefined
  }
  return {
    reached,
    uninstall() {
      setGlobalDispatcher(dispatcher)
      holder.createConnection = createConnection
    },
  }
}

const status = (agent: HttpsAgent | undefined, url: string) =>
  new Promise<number>((resolve, reject) => {
    httpsRequest(url, { agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
      .on('error', reject)
      .end()
  })

describe('after restore()', () => {
  it("the vendors' hosts go where they would without crmkit, pooled in-process connections included", async () => {
    const network = standInNetwork()
    const keepAlive = new HttpsAgent({ keepAlive: true })
    const mocks = await interceptVendors({ services: ['sharpspring'] })
    try {
      const health = 'https://api.sharpspring.com/__admin/health'
      // Connections kept alive in the process's pools and in an agent of the application's own.
      expect((await fetch(health)).status).toBe(200)
      expect((await undiciRequest(health)).statusCode).toBe(200)
      expect(await status(keepAlive, health)).toBe(200)
      expect(await status(undefined, health)).toBe(200)
      // The connection goes back to the agent's pool once its request is sent, on a later turn.
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(Object.values(keepAlive.freeSockets).flat()).toHaveLength(1)
      expect(network.reached).toEqual([])
      await mocks.restore()

      expect(await failure(fetch(health))).toMatchObject({ code: 'E_STAND_IN_NETWORK' })
      expect(await failure(undiciRequest(health))).toMatchObject({ code: 'E_STAND_IN_NETWORK' })
      expect(await failure(status(keepAlive, health))).toMatchObject({ code: 'E_STAND_IN_NETWORK' })
      expect(await failure(status(undefined, health))).toMatchObject({ code: 'E_STAND_IN_NETWORK' })
      expect(network.reached).toEqual([
        'api.sharpspring.com',
        'api.sharpspring.com',
        'api.sharpspring.com',
        'api.sharpspring.com',
      ])
      // The dispatcher it handed out answers no more.
      expect(
        await failure(fetch(health, { dispatcher: mocks.dispatcher } as unknown as RequestInit)),
      ).toBeDefined()
    } finally {
      await mocks.restore()
      keepAlive.destroy()
      network.uninstall()
    }
  })

  it('a new interception without that vendor refuses its host, even on an agent that kept a connection to it', async () => {
    const keepAlive = new HttpsAgent({ keepAlive: true })
    try {
      const first = await interceptVendors({ services: ['sharpspring'] })
      expect(await status(keepAlive, 'https://api.sharpspring.com/__admin/health')).toBe(200)
      await first.restore()
      const second = await interceptVendors({ services: ['onepagecrm'], unmatched: 'error' })
      try {
        for (const agent of [keepAlive, undefined])
          expect(await failure(status(agent, 'https://api.sharpspring.com/__admin/health'))).toMatchObject({
            code: 'ECRMKIT_UNMATCHED',
          })
        expect(await failure(fetch('https://api.sharpspring.com/__admin/health'))).toMatchObject({
          code: 'ECRMKIT_UNMATCHED',
          message: expect.stringContaining('(the sharpspring mock is not among the services started)'),
        })
        expect(await status(keepAlive, 'https://app.onepagecrm.com/__admin/health')).toBe(200)
      } finally {
        await second.restore()
      }
    } finally {
      keepAlive.destroy()
    }
  })
})

describe('another copy of the package', () => {
  it('may intercept once this one has restored, and not before', async () => {
    const first = await interceptVendors({ services: ['sharpspring'] })
    vi.resetModules()
    const copy = await import('../src/index.js')
    try {
      await expect(copy.interceptVendors({ services: ['sharpspring'] })).rejects.toThrow(
        'already intercepted',
      )
    } finally {
      await first.restore()
    }
    const second = await copy.interceptVendors({ services: ['sharpspring'] })
    try {
      expect((await fetch('https://api.sharpspring.com/__admin/health')).status).toBe(200)
      await expect(interceptVendors()).rejects.toThrow('already intercepted')
    } finally {
      await second.restore()
    }
  })
})

describe('restore() with requests in flight', () => {
  it('ends them as a reset connection would, at once, with no error left unhandled', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (error: unknown) => unhandled.push(error)
    process.on('unhandledRejection', onUnhandled)
    const mocks = await interceptVendors({ services: ['sharpspring'] })
    try {
      const ss = mocks.sharpspring
      if (ss === undefined) throw new Error('not running')
      const uploadFiles = `https://api.sharpspring.com/pubapi/v1/uploadFiles?accountID=${ss.credentials.accountId}&secretKey=${ss.credentials.secretKey}`
      const form = new FormData()
      form.append('id', '1')
      form.append('objectType', 'lead')
      form.append('fieldSystemName', ss.demo.fileFields.lead)
      form.append('files[0]', new Blob([Buffer.alloc(8 << 20, 1)]), 'big.bin')
      form.append('big.bin', String(ss.demo.leadId))
      const stored = (await (await fetch(uploadFiles, { method: 'POST', body: form })).json()) as {
        result: { uploads: Array<{ url: string }> }
      }
      // A download read only in part, and an upload whose body never ends.
      const download = (await fetch(stored.result.uploads[0]?.url as string)).body?.getReader()
      await download?.read()
      const upload = httpsRequest(uploadFiles, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=B' },
      })
      const uploaded = new Promise<string>((resolve) => {
        upload.on('error', (error: Error & { code?: string }) => resolve(error.code ?? error.message))
        upload.on('response', (res) => resolve(`answered ${res.statusCode}`))
      })
      upload.write(
        `--B\r\nContent-Disposition: form-data; name="files[0]"; filename="x"\r\n\r\n${'x'.repeat(1e5)}`,
      )
      await new Promise((resolve) => setTimeout(resolve, 20))

      const started = Date.now()
      await mocks.restore()
      expect(Date.now() - started).toBeLessThan(1_000)
      expect(await uploaded).toBe('ECONNRESET')
      const rest = async () => {
        while (!(await download?.read())?.done);
      }
      await expect(rest()).rejects.toThrow('terminated')
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(unhandled).toEqual([])
    } finally {
      await mocks.restore()
      process.off('unhandledRejection', onUnhandled)
    }
  })
})
