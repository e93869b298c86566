import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishPacts } from '../scripts/publish-pacts.mjs'

interface Received {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage['headers']
  readonly body: Record<string, unknown>
}

// A stand-in Pact Broker on port 0: it records what it is sent and answers as the broker does.
const received: Received[] = []
let answer = {
  status: 200,
  body: '{"notices":[{"type":"success","text":"Created pact for crmkit-upload-client"}]}',
}
const broker = createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    })
    response.writeHead(answer.status, { 'content-type': 'application/hal+json' }).end(answer.body)
  })
})
let baseUrl = ''
const dir = mkdtempSync(join(tmpdir(), 'crmkit-pacts-'))
const pact = JSON.stringify({
  consumer: { name: 'crmkit-upload-client' },
  provider: { name: 's3' },
  interactions: [],
})

beforeAll(async () => {
  writeFileSync(join(dir, 'crmkit-upload-client-s3.json'), pact)
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}`
})
afterAll(() => {
  broker.close()
  rmSync(dir, { recursive: true, force: true })
})

const env = (extra: Record<string, string> = {}) => ({
  PACT_BROKER_BASE_URL: `${baseUrl}/`,
  PACT_BROKER_TOKEN: 'broker-token-123',
  GIT_COMMIT: '0123abc',
  GIT_BRANCH: 'feature/upload',
  ...extra,
})

describe('publishPacts', () => {
  it('keeps pacts local without PACT_BROKER_BASE_URL', async () => {
    expect(await publishPacts({ dir, env: {} })).toEqual({ published: false })
    expect(received).toEqual([])
  })

  it('publishes every pact with the git commit as version and the branch, with the token', async () => {
    const result = await publishPacts({ dir, env: env() })
    expect(result).toEqual({
      published: true,
      version: '0123abc',
      branch: 'feature/upload',
      files: ['crmkit-upload-client-s3.json'],
      notices: ['Created pact for crmkit-upload-client'],
    })
    const [request] = received
    expect(request).toMatchObject({ method: 'POST', url: '/contracts/publish' })
    expect(request?.headers.authorization).toBe('Bearer broker-token-123')
    expect(request?.body).toEqual({
      pacticipantName: 'crmkit-upload-client',
      pacticipantVersionNumber: '0123abc',
      branch: 'feature/upload',
      tags: [],
      contracts: [
        {
          consumerName: 'crmkit-upload-client',
          providerName: 's3',
          specification: 'pact',
          contentType: 'application/json',
          content: Buffer.from(pact).toString('base64'),
        },
      ],
    })
  })

  it("reports the broker's refusal without the token", async () => {
    answer = { status: 401, body: '{"error":"Unauthorized"}' }
    const error = await publishPacts({ dir, env: env() }).catch((e: unknown) => e as Error)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toBe(
      'The Pact Broker refused the pacts: HTTP 401 {"error":"Unauthorized"}',
    )
    expect((error as Error).message).not.toContain('broker-token-123')
  })

  it('uses basic auth when a username is given', async () => {
    answer = { status: 200, body: '{}' }
    received.length = 0
    await publishPacts({
      dir,
      env: env({ PACT_BROKER_TOKEN: '', PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: 'pw' }),
    })
    expect(received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('ci:pw').toString('base64')}`)
  })
})
