import type { PactSource } from './pact-source.js'

export interface PactCredentials {
  readonly sharpspring?: { readonly accountId: string; readonly secretKey: string }
  readonly onepagecrm?: { readonly userId: string; readonly apiKey: string }
}

type Json = Record<string, unknown>

const first = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : undefined

function queryValue(query: unknown, name: string): string | undefined {
  // Spec 2 writes the query as a string; 3 and 4 as {name: [values]}.
  if (typeof query === 'string') return new URLSearchParams(query).get(name) ?? undefined
  return typeof query === 'object' && query !== null ? first((query as Json)[name]) : undefined
}

function header(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name)
  return key === undefined ? undefined : first((headers as Json)[key])
}

const requests = (pact: PactSource): Json[] =>
  ((pact.pact.interactions as unknown[]) ?? [])
    .map((interaction) => (interaction as Json)?.request)
    .filter((request): request is Json => typeof request === 'object' && request !== null)

/**
 * The credentials a consumer recorded, so that the mock accepts its requests as they are: SharpSpring's
 * `accountID` and `secretKey` query parameters, OnePageCRM's HTTP Basic user id and API key. The first
 * request that carries them decides; none → the mock's defaults.
 */
export function pactCredentials(pact: PactSource): PactCredentials {
  const found: { sharpspring?: PactCredentials['sharpspring']; onepagecrm?: PactCredentials['onepagecrm'] } =
    {}
  for (const request of requests(pact)) {
    const accountId = queryValue(request.query, 'accountID')
    const secretKey = queryValue(request.query, 'secretKey')
    if (found.sharpspring === undefined && accountId !== undefined && secretKey !== undefined)
      found.sharpspring = { accountId, secretKey }
    const basic = /^Basic\s+(\S+)$/i.exec(header(request.headers, 'authorization') ?? '')
    if (found.onepagecrm === undefined && basic !== null) {
      const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon > 0) found.onepagecrm = { userId: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) }
    }
  }
  return found
}

/** S3 bucket names are 3-63 lower-case letters, digits, dots and hyphens (AWS's bucket naming rules). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/**
 * The buckets a pact's path-style requests name (`POST /{bucket}`), so the emulator hosts them: a
 * consumer's pact names its own bucket. Virtual-hosted requests (`POST /`) name none.
 */
export function pactBuckets(pact: PactSource): string[] {
  const buckets = new Set<string>()
  for (const interaction of pact.interactions) {
    const [, first = ''] = interaction.path.split('/')
    const bucket = decodeURIComponent(first.split('?')[0] ?? '')
    if (BUCKET.test(bucket)) buckets.add(bucket)
  }
  return [...buckets]
}
