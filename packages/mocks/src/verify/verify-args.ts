import { parseArgs } from 'node:util'
import { bucketNameProblem, virtualHostedBucket } from '@crmkit/mock-onepagecrm'
import { type ProviderMapping, readProviderMapping } from './provider-routing.js'
import { VOCABULARY_VERSION } from './vocabulary.js'

export interface VerifyArgs {
  readonly help: boolean
  readonly sources: readonly string[]
  readonly providers: readonly ProviderMapping[]
  readonly states: readonly string[]
  readonly vocabulary: number
  readonly json?: string | undefined
  readonly junit?: string | undefined
  readonly credentials: {
    readonly sharpspring?: { readonly accountId: string; readonly secretKey: string } | undefined
    readonly onepagecrm?: { readonly userId: string; readonly apiKey: string } | undefined
    readonly s3?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined
  }
  /** The S3 emulator: a virtual-hosted Host every request of an S3 pact is sent with, and more buckets. */
  readonly s3: { readonly host?: string | undefined; readonly buckets: readonly string[] }
  readonly verbose: boolean
  readonly timeoutMs?: number | undefined
  /** Only the interactions whose description (or a state) matches: Pact's PACT_DESCRIPTION, PACT_PROVIDER_STATE. */
  readonly filters: { readonly description?: string | undefined; readonly state?: string | undefined }
  readonly broker: {
    readonly url?: string | undefined
    readonly token?: string | undefined
    readonly username?: string | undefined
    readonly password?: string | undefined
    readonly consumers: readonly string[]
    readonly selectors?: readonly Record<string, unknown>[] | undefined
    readonly includePending: boolean
    readonly includeWipSince?: string | undefined
    readonly publish: boolean
    readonly providerVersion?: string | undefined
    readonly providerBranch?: string | undefined
    readonly buildUrl?: string | undefined
  }
}

/** `<a>:<b>` (the second part may hold colons) → the pair; throws naming the option. */
function pair(option: string, value: string | undefined, what: string): [string, string] | undefined {
  if (value === undefined) return undefined
  const colon = value.indexOf(':')
  if (colon <= 0 || colon === value.length - 1) throw new Error(`--${option} takes ${what}`)
  return [value.slice(0, colon), value.slice(colon + 1)]
}

function selector(value: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    parsed = undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`--selector ${value}: a JSON object, e.g. '{"mainBranch": true}' or '{"branch": "main"}'`)
  return parsed as Record<string, unknown>
}

/** `crmkit-mocks verify …` → its options; throws an Error naming what is wrong (exit 2). */
export function readVerifyArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): VerifyArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      provider: { type: 'string', multiple: true },
      states: { type: 'string', multiple: true },
      vocabulary: { type: 'string' },
      json: { type: 'string' },
      junit: { type: 'string' },
      'sharpspring-credentials': { type: 'string' },
      'onepagecrm-credentials': { type: 'string' },
      's3-credentials': { type: 'string' },
      's3-host': { type: 'string' },
      's3-bucket': { type: 'string', multiple: true },
      timeout: { type: 'string' },
      verbose: { type: 'boolean' },
      'filter-description': { type: 'string' },
      'filter-state': { type: 'string' },
      broker: { type: 'string' },
      'broker-token': { type: 'string' },
      'broker-username': { type: 'string' },
      'broker-password': { type: 'string' },
      consumer: { type: 'string', multiple: true },
      selector: { type: 'string', multiple: true },
      'include-pending': { type: 'boolean' },
      'include-wip-since': { type: 'string' },
      publish: { type: 'boolean' },
      'provider-version': { type: 'string' },
      'provider-branch': { type: 'string' },
      'build-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const vocabulary = values.vocabulary === undefined ? VOCABULARY_VERSION : Number(values.vocabulary)
  if (!Number.isInteger(vocabulary) || vocabulary < 1 || vocabulary > VOCABULARY_VERSION)
    throw new Error(
      `--vocabulary ${values.vocabulary}: this version knows vocabularies 1 to ${VOCABULARY_VERSION}`,
    )
  const sharpspring = pair(
    'sharpspring-credentials',
    values['sharpspring-credentials'],
    '<accountID>:<secretKey>',
  )
  const onepagecrm = pair('onepagecrm-credentials', values['onepagecrm-credentials'], '<user id>:<API key>')
  const s3 = pair('s3-credentials', values['s3-credentials'], '<access key id>:<secret access key>')
  const s3Host = values['s3-host']
  if (s3Host !== undefined && virtualHostedBucket(s3Host) === undefined)
    throw new Error(
      `--s3-host ${s3Host}: a bucket's virtual-hosted address, <bucket>.s3.<region>.amazonaws.com`,
    )
  // The emulator's own check of S3's bucket naming rules, so that a name it would refuse is a usage error.
  for (const bucket of values['s3-bucket'] ?? []) {
    const problem = bucketNameProblem(bucket)
    if (problem !== undefined)
      throw new Error(
        `--s3-bucket ${bucket}: 3 to 63 lower-case letters, digits, dots and hyphens, as S3 allows: ${problem}`,
      )
  }
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout)
  if (timeoutMs !== undefined && (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1))
    throw new Error(`--timeout ${values.timeout}: milliseconds, a whole number of 1 or more`)
  const wip = values['include-wip-since']
  if (wip !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(wip))
    throw new Error(`--include-wip-since ${wip}: a date, YYYY-MM-DD`)
  for (const option of ['filter-description', 'filter-state'] as const) {
    const value = values[option]
    if (value === undefined) continue
    try {
      new RegExp(value)
    } catch (error) {
      throw new Error(`--${option} ${value}: not a regular expression (${(error as Error).message})`)
    }
  }
  const help = values.help === true
  const brokerUrl = values.broker ?? (positionals.length === 0 ? env.PACT_BROKER_BASE_URL : undefined)
  if (!help && positionals.length === 0 && (brokerUrl === undefined || brokerUrl === ''))
    throw new Error(
      'verify needs pact files, directories or URLs (crmkit-mocks verify ./pacts), or --broker <url>',
    )
  if (positionals.length > 0 && values.broker !== undefined)
    throw new Error('verify takes pact files or --broker, not both: run it once for each')
  return {
    help,
    sources: positionals,
    providers: (values.provider ?? []).map(readProviderMapping),
    states: values.states ?? [],
    vocabulary,
    json: values.json,
    junit: values.junit,
    credentials: {
      ...(sharpspring === undefined
        ? {}
        : { sharpspring: { accountId: sharpspring[0], secretKey: sharpspring[1] } }),
      ...(onepagecrm === undefined ? {} : { onepagecrm: { userId: onepagecrm[0], apiKey: onepagecrm[1] } }),
      ...(s3 === undefined ? {} : { s3: { accessKeyId: s3[0], secretAccessKey: s3[1] } }),
    },
    s3: { host: s3Host, buckets: values['s3-bucket'] ?? [] },
    verbose: values.verbose === true,
    timeoutMs,
    filters: { description: values['filter-description'], state: values['filter-state'] },
    broker: {
      url: brokerUrl,
      token: values['broker-token'],
      username: values['broker-username'],
      password: values['broker-password'],
      consumers: values.consumer ?? [],
      selectors: values.selector?.map(selector),
      includePending: values['include-pending'] === true,
      includeWipSince: wip,
      publish: values.publish === true,
      providerVersion: values['provider-version'],
      providerBranch: values['provider-branch'],
      buildUrl: values['build-url'],
    },
  }
}
