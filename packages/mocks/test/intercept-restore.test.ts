import { createServer, get, Agent as HttpAgent, type Server } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { AddressInfo } from 'node:net'
import { getGlobalDispatcher } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
      expect(refusedHttp?.message).toContain('http://example.com:80')
      // A local server is not a vendor either.
      expect(await failure(fetch(localUrl))).toMatchObject({ code: 'ECRMKIT_UNMATCHED' })
      // A bucket the emulator does not have is not routed to it.
      const otherBucket = await failure(fetch('https://someone-else.s3.eu-central-1.amazonaws.com/k'))
      expect(otherBucket).toMatchObject({ code: 'ECRMKIT_UNMATCHED' })
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
