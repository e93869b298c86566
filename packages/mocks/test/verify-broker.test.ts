import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { encodePolicy, formatCredential, signPolicy, toAmzDate } from '@crmkit/s3-post-policy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VerifyReport } from '../src/verify/verify-report.js'

const BIN = fileURLToPath(new URL('../bin/crmkit-mocks.js', import.meta.url))
const PACT = JSON.parse(
  readFileSync(new URL('./fixtures/php-shop-SharpSpring.json', import.meta.url), 'utf8'),
) as {
  interactions: { response: { status: number }; description: string }[]
}
/** The same pact expecting 429 where SharpSpring answers its rate limit over 200. */
const WRONG_PACT = structuredClone(PACT)
for (const interaction of WRONG_PACT.interactions)
  if (interaction.description.startsWith('getLead while')) interaction.response.status = 429

interface Seen {
  method: string
  url: string
  authorization: string | undefined
  body: string
}

/**
 * A stand-in Pact Broker: the HAL resources Pact's verifier walks to fetch a provider's pacts and to
 * publish its results (https://docs.pact.io/pact_broker/advanced_topics/provider_verification_results),
 * recording each request. `publish` is the status it answers the results with.
 */
function standInBroker(options: {
  publish: number
  pact: unknown
  /** The pact's provider and consumer names (default SharpSpring, php-shop). */
  provider?: string
  consumer?: string
}) {
  const provider = options.provider ?? 'SharpSpring'
  const consumer = options.consumer ?? 'php-shop'
  const seen: Seen[] = []
  let base = ''
  const server: Server = createServer(async (request, response) => {
    let body = ''
    for await (const chunk of request) body += chunk
    const url = request.url ?? '/'
    seen.push({ method: request.method ?? '', url, authorization: request.headers.authorization, body })
    const hal = (document: unknown, status = 200) =>
      response.writeHead(status, { 'content-type': 'application/hal+json' }).end(JSON.stringify(document))
    const pactUrl = `${base}/pacts/provider/${provider}/consumer/${consumer}/pact-version/abc123`
    if (request.headers.authorization !== 'Bearer t0k') return hal({ error: 'unauthorised' }, 401)
    if (url === '/')
      return hal({
        _links: {
          'pb:provider-pacts-for-verification': {
            href: `${base}/pacts/provider/{provider}/for-verification`,
            templated: true,
          },
        },
      })
    if (url.endsWith('/for-verification') && request.method === 'GET')
      return hal({ _links: { self: { href: `${base}/pacts/provider/${provider}/for-verification` } } })
    if (url.endsWith('/for-verification'))
      return hal({
        _embedded: {
          pacts: [
            {
              shortDescription: 'latest from main',
              verificationProperties: {
                pending: false,
                notices: [
                  { when: 'before_verification', text: 'The pact is verified because it is on main.' },
                ],
              },
              _links: { self: { href: pactUrl, name: `Pact between ${consumer} and ${provider}` } },
            },
          ],
        },
      })
    if (url.endsWith('/pact-version/abc123'))
      return hal({
        ...(options.pact as object),
        _links: {
          'pb:provider': { href: `${base}/pacticipants/${provider}` },
          'pb:publish-verification-results': { href: `${pactUrl}/verification-results` },
        },
      })
    if (url.endsWith('/verification-results')) return hal({ _links: {} }, options.publish)
    if (url === `/pacticipants/${provider}`)
      return hal({
        name: provider,
        _links: {
          self: { href: `${base}/pacticipants/${provider}` },
          'pb:branch-version': {
            href: `${base}/pacticipants/${provider}/branches/{branch}/versions/{version}`,
            templated: true,
          },
        },
      })
    if (request.method === 'PUT') return hal({ _links: {} })
    hal({}, 404)
  })
  return {
    seen,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => {
          base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
          resolve(base)
        }),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function verify(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('PACT_')),
    )
    execFile(
      process.execPath,
      [BIN, 'verify', ...args],
      { env: { ...clean, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : Number((error as { code?: number }).code ?? -1),
          stdout,
          stderr,
        }),
    )
  })
}

describe('crmkit-mocks verify --broker', () => {
  const good = standInBroker({ publish: 201, pact: PACT })
  const refusing = standInBroker({ publish: 500, pact: PACT })
  const wrong = standInBroker({ publish: 201, pact: WRONG_PACT })
  const work = mkdtempSync(join(tmpdir(), 'crmkit-verify-broker-'))
  let goodUrl = ''
  let refusingUrl = ''
  let wrongUrl = ''
  beforeAll(async () => {
    goodUrl = await good.start()
    refusingUrl = await refusing.start()
    wrongUrl = await wrong.start()
  })
  afterAll(async () => {
    await good.close()
    await refusing.close()
    await wrong.close()
    rmSync(work, { recursive: true, force: true })
  })

  it('fetches the pacts for the provider with the selectors, verifies them and publishes the results', async () => {
    const run = await verify([
      '--broker',
      goodUrl,
      '--broker-token',
      't0k',
      '--provider',
      'sharpspring=SharpSpring',
      '--include-pending',
      '--include-wip-since',
      '2026-01-01',
      '--publish',
      '--provider-version',
      'abc1234',
      '--provider-branch',
      'main',
      '--sharpspring-credentials',
      'php-shop-4d2a:php-shop-secret-93c1',
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('php-shop → SharpSpring  (SharpSpring mock, pact broker)')
    expect(run.stdout).toContain('note: The pact is verified because it is on main.')
    expect(run.stdout).toContain('Results published to the broker.')
    const asked = good.seen.find(
      (request) => request.method === 'POST' && request.url.endsWith('/for-verification'),
    )
    expect(JSON.parse(asked?.body ?? '{}')).toMatchObject({
      includePendingStatus: true,
      includeWipPactsSince: '2026-01-01',
      consumerVersionSelectors: [
        { mainBranch: true },
        { matchingBranch: true },
        { deployedOrReleased: true },
      ],
    })
    const results = good.seen.find((request) => request.url.endsWith('/verification-results'))
    expect(JSON.parse(results?.body ?? '{}')).toMatchObject({
      success: true,
      providerApplicationVersion: 'abc1234',
    })
    expect(good.seen.every((request) => request.authorization === 'Bearer t0k')).toBe(true)
  })

  it("reports a failure with its states' params and the mock's journal entry, as a file run does", async () => {
    const json = join(work, 'broker.json')
    const run = await verify([
      '--broker',
      wrongUrl,
      '--broker-token',
      't0k',
      '--provider',
      'sharpspring=SharpSpring',
      '--sharpspring-credentials',
      'php-shop-4d2a:php-shop-secret-93c1',
      '--json',
      json,
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('StatusMismatch: expected 429 but was 200')
    expect(run.stdout).toMatch(/mock journal: POST \/pubapi\/v1\.2\/.* → 200, error 107/)
    const report = JSON.parse(readFileSync(json, 'utf8')) as VerifyReport
    const interactions = report.pacts[0]?.interactions ?? []
    const failed = interactions.find((item) => item.result === 'failed')
    expect(failed?.description).toBe('getLead while SharpSpring is rate limiting')
    expect(failed?.journal).toMatchObject({ method: 'POST', status: 200, fault: 'per-second-limit' })
    // Passed interactions name their states with the params the verifier sent.
    const upload = interactions.find((item) => item.description.startsWith('uploadFiles'))
    expect(upload).toMatchObject({
      result: 'passed',
      states: [
        {
          name: 'leads {ids} exist with File Upload field {systemName}',
          params: { ids: [411000001, 411000002] },
        },
      ],
    })
    expect(upload?.journal).toBeUndefined()
  })

  it('exits 4 when the broker refuses the results, though every interaction passed', async () => {
    const run = await verify(
      [
        '--provider',
        'sharpspring=SharpSpring',
        '--publish',
        '--sharpspring-credentials',
        'php-shop-4d2a:php-shop-secret-93c1',
      ],
      { PACT_BROKER_BASE_URL: refusingUrl, PACT_BROKER_TOKEN: 't0k', GIT_COMMIT: 'def5678' },
    )
    expect(run.code).toBe(4)
    expect(run.stdout).toContain('3 of 3 passed')
    expect(run.stdout).toContain('Publishing the results failed')
  })

  it('exits 3 when the broker refuses the token, and 2 without a provider name', async () => {
    const refused = await verify([
      '--broker',
      goodUrl,
      '--broker-token',
      'wrong',
      '--provider',
      'sharpspring=SharpSpring',
    ])
    expect(refused.code).toBe(3)
    const unnamed = await verify(['--broker', goodUrl])
    expect(unnamed.code).toBe(2)
    expect(unnamed.stderr).toContain('--provider sharpspring=<the name your pacts use>')
  })
})

/**
 * An S3 pact a broker serves: a path-style upload to a bucket only its state names (crmkit reads a broker's
 * pacts only through the verifier, so the emulator starts without it), with a form signed on 2026-01-15
 * with the emulator's default key pair for eu-central-1.
 */
async function uploadPact(states: readonly { name: string; params: Record<string, unknown> }[]) {
  const signedAt = new Date('2026-01-15T09:00:00Z')
  const credential = formatCredential('AKIAIOSFODNN7EXAMPLE', signedAt, 'eu-central-1')
  const signing = {
    'x-amz-credential': credential,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-date': toAmzDate(signedAt),
  }
  const policy = encodePolicy({
    expiration: '2026-01-15T10:00:00.000Z',
    conditions: [
      { bucket: UPLOAD_BUCKET },
      ['starts-with', '$key', 'reports/'],
      ...Object.entries(signing).map(([name, value]) => ({ [name]: value })),
    ],
  })
  const signature = await signPolicy(policy, {
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'eu-central-1',
    date: signedAt,
  })
  const boundary = '----acme-reports-boundary'
  const fields = { key: 'reports/q1.txt', policy, ...signing, 'x-amz-signature': signature }
  const body = [
    ...Object.entries(fields).map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    ),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="q1.txt"\r\nContent-Type: text/plain\r\n\r\nQ1 reports\n\r\n`,
    `--${boundary}--\r\n`,
  ].join('')
  return {
    consumer: { name: 'acme-reports' },
    provider: { name: 'S3' },
    interactions: [
      {
        description: 'an upload to the reports bucket',
        providerStates: states,
        request: {
          method: 'POST',
          path: `/${UPLOAD_BUCKET}`,
          headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
          body: Buffer.from(body).toString('base64'),
        },
        response: { status: 204 },
      },
    ],
    metadata: { pactSpecification: { version: '3.0.0' } },
  }
}

const UPLOAD_BUCKET = 'acme-reports-2026'

describe('crmkit-mocks verify --broker: the bucket {bucket} exists', () => {
  const IN_DATE = { name: 'the upload form is in date', params: { signedAt: '2026-01-15T09:00:00Z' } }
  let withState: ReturnType<typeof standInBroker>
  let withoutState: ReturnType<typeof standInBroker>
  beforeAll(async () => {
    const bucketState = { name: 'the bucket {bucket} exists', params: { bucket: UPLOAD_BUCKET } }
    const names = { publish: 201, provider: 'S3', consumer: 'acme-reports' }
    withState = standInBroker({ ...names, pact: await uploadPact([bucketState, IN_DATE]) })
    withoutState = standInBroker({ ...names, pact: await uploadPact([IN_DATE]) })
  })
  afterAll(async () => {
    await withState.close()
    await withoutState.close()
  })

  it("adds the bucket a broker's pact names in its state, which the emulator did not start with", async () => {
    const args = ['--broker-token', 't0k', '--provider', 's3=S3']
    const made = await verify(['--broker', await withState.start(), ...args])
    expect(made.stderr).toBe('')
    expect(made.stdout).toContain('1 of 1 passed')
    expect(made.code).toBe(0)
    // The same upload without the state: the emulator has no such bucket.
    const missing = await verify(['--broker', await withoutState.start(), ...args])
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('NoSuchBucket')
  })
})
