import { SERVICE_NAMES, type ServiceName } from '../mocks-info.js'

/** A pact's provider name, lower-case letters and digits only: `SharpSpring API` → `sharpspringapi`. */
export const normalizeProviderName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '')

/** Provider names that pick a mock without `--provider` (STATES.md lists them). */
export const PROVIDER_ALIASES: Readonly<Record<string, ServiceName>> = {
  sharpspring: 'sharpspring',
  sharpspringapi: 'sharpspring',
  constantcontactleadgen: 'sharpspring',
  constantcontactleadgencrm: 'sharpspring',
  onepagecrm: 'onepagecrm',
  onepagecrmapi: 'onepagecrm',
  s3: 's3',
  awss3: 's3',
  amazons3: 's3',
  onepagecrms3: 's3',
}

/** `--provider <mock>[=<name>]`: a mock for every pact, or for pacts of one provider name. */
export interface ProviderMapping {
  readonly mock: ServiceName
  readonly name?: string | undefined
}

/** Reads a `--provider` value; throws an Error saying what it takes. */
export function readProviderMapping(value: string): ProviderMapping {
  const [mock = '', ...rest] = value.split('=')
  if (!(SERVICE_NAMES as readonly string[]).includes(mock))
    throw new Error(
      `--provider ${value}: the mock is one of ${SERVICE_NAMES.join(', ')} (--provider <mock>[=<pact provider name>])`,
    )
  const name = rest.join('=')
  return { mock: mock as ServiceName, ...(rest.length === 0 ? {} : { name }) }
}

/**
 * The mock a pact's provider is verified against: a `--provider mock=name` for that name first, then the
 * built-in aliases, then a bare `--provider mock`. Undefined: no mock fits (exit 2).
 */
export function routeProvider(name: string, mappings: readonly ProviderMapping[]): ServiceName | undefined {
  const normalized = normalizeProviderName(name)
  const named = mappings.find(
    (mapping) => mapping.name !== undefined && normalizeProviderName(mapping.name) === normalized,
  )
  if (named !== undefined) return named.mock
  return PROVIDER_ALIASES[normalized] ?? mappings.find((mapping) => mapping.name === undefined)?.mock
}
