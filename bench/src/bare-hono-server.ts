import { timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { type Context, Hono } from 'hono'

// The yardstick of `json-api-throughput.ts`: a bare Hono app on @hono/node-server (the versions the mocks
// use) that answers one route with bytes captured from a mock's own answer (status, headers, body), after
// the same kind of credentials check the vendor makes, and nothing else: no journal, no state, no
// rendering. Started as `node bare-hono-server.js <answer.json>`; prints `{"url"}` once listening.

/** What the bench captured, and the credentials the route takes. */
export interface BareAnswer {
  readonly method: 'GET' | 'POST'
  readonly path: string
  /** HTTP Basic (OnePageCRM) or two query parameters (SharpSpring's accountID and secretKey). */
  readonly auth:
    | { readonly kind: 'basic'; readonly username: string; readonly password: string }
    | {
        readonly kind: 'query'
        readonly names: readonly [string, string]
        readonly values: readonly [string, string]
      }
  readonly status: number
  /** The answer's own headers, without those Node adds itself (Date, Connection, Keep-Alive, Content-Length). */
  readonly headers: Readonly<Record<string, string>>
  readonly bodyBase64: string
}

const answer = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as BareAnswer
const body = Buffer.from(answer.bodyBase64, 'base64')

/** Constant-time comparison of equal-length buffers; a length that differs is a mismatch at once. */
function equal(presented: string, expected: Buffer): boolean {
  const given = Buffer.from(presented)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

const { auth } = answer
const expected =
  auth.kind === 'basic'
    ? [Buffer.from(auth.username), Buffer.from(auth.password)]
    : auth.values.map((value) => Buffer.from(value))

function authorized(c: Context): boolean {
  if (auth.kind === 'basic') {
    const header = c.req.header('authorization')
    if (header === undefined || !header.startsWith('Basic ')) return false
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    return (
      colon >= 0 &&
      equal(decoded.slice(0, colon), expected[0] as Buffer) &&
      equal(decoded.slice(colon + 1), expected[1] as Buffer)
    )
  }
  return auth.names.every((name, index) => {
    const value = c.req.query(name)
    return value !== undefined && equal(value, expected[index] as Buffer)
  })
}

const app = new Hono()
app.on(answer.method, answer.path, async (c) => {
  if (!authorized(c)) return c.json({ error: 'unauthorized' }, 401)
  // A JSON-RPC server reads and parses the call before it answers.
  if (answer.method === 'POST') {
    const call = (await c.req.json().catch(() => undefined)) as { method?: unknown } | undefined
    if (typeof call?.method !== 'string') return c.json({ error: 'not a call' }, 400)
  }
  return c.body(body, answer.status as 200, answer.headers)
})

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
