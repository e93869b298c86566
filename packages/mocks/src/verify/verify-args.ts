import { parseArgs } from 'node:util'
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
  readonly s3?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined
  readonly verbose: boolean
  readonly timeoutMs?: number | undefined
}

/** `crmkit-mocks verify …` → its options; throws an Error naming what is wrong (exit 2). */
export function readVerifyArgs(argv: readonly string[]): VerifyArgs {
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
      's3-credentials': { type: 'string' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const vocabulary = values.vocabulary === undefined ? VOCABULARY_VERSION : Number(values.vocabulary)
  if (!Number.isInteger(vocabulary) || vocabulary < 1 || vocabulary > VOCABULARY_VERSION)
    throw new Error(
      `--vocabulary ${values.vocabulary}: this version knows vocabularies 1 to ${VOCABULARY_VERSION}`,
    )
  let s3: VerifyArgs['s3']
  if (values['s3-credentials'] !== undefined) {
    const [accessKeyId = '', ...secret] = values['s3-credentials'].split(':')
    if (accessKeyId === '' || secret.length === 0 || secret.join(':') === '')
      throw new Error('--s3-credentials takes <access key id>:<secret access key>')
    s3 = { accessKeyId, secretAccessKey: secret.join(':') }
  }
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout)
  if (timeoutMs !== undefined && (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1))
    throw new Error(`--timeout ${values.timeout}: milliseconds, a whole number of 1 or more`)
  const help = values.help === true
  if (!help && positionals.length === 0)
    throw new Error('verify needs pact files, directories or URLs: crmkit-mocks verify ./pacts')
  return {
    help,
    sources: positionals,
    providers: (values.provider ?? []).map(readProviderMapping),
    states: values.states ?? [],
    vocabulary,
    json: values.json,
    junit: values.junit,
    s3,
    verbose: values.verbose === true,
    timeoutMs,
  }
}
