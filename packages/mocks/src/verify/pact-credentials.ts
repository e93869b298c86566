import type { PactSource } from './pact-source.js'
import { headerValue, queryValue } from './recorded-request.js'

export interface PactCredentials {
  readonly sharpspring?: { readonly accountId: string; readonly secretKey: string }
  readonly onepagecrm?: { readonly userId: string; readonly apiKey: string }
}

type Json = Record<string, unknown>

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
    const basic = /^Basic\s+(\S+)$/i.exec(headerValue(request.headers, 'authorization') ?? '')
    if (found.onepagecrm === undefined && basic !== null) {
      const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon > 0) found.onepagecrm = { userId: decoded.slice(0, colon), apiKey: decoded.slice(colon + 1) }
    }
  }
  return found
}
