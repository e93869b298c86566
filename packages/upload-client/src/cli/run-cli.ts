import { parseArgs } from 'node:util'
import type { CommonClientOptions, UploadCallOptions } from '../client-options.js'
import { isCrmkitError } from '../errors/crmkit-error.js'
import { InvalidOptionsError } from '../errors/usage-errors.js'
import { type AttachTo, createOnePageCrmClient } from '../onepagecrm/client.js'
import { createSharpSpringClient, type SharpSpringObjectType } from '../sharpspring/client.js'
import { EXIT, exitCodeOf } from './exit-codes.js'
import { HELP } from './help.js'
import { createProgressReporter, type Output } from './progress-reporter.js'

export interface CliIo {
  /** The package's version, for `--version` (the binary reads it from its package.json). */
  readonly version: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly stdout: Output
  readonly stderr: Output
  /** Aborts the upload (the binary wires SIGINT to it). */
  readonly signal?: AbortSignal
}

const OPTIONS = {
  'account-id': { type: 'string' },
  'secret-key': { type: 'string' },
  'api-version': { type: 'string' },
  'user-id': { type: 'string' },
  'api-key': { type: 'string' },
  'base-url': { type: 'string' },
  'object-type': { type: 'string' },
  field: { type: 'string' },
  product: { type: 'string' },
  contact: { type: 'string' },
  note: { type: 'string' },
  deal: { type: 'string' },
  call: { type: 'string' },
  meeting: { type: 'string' },
  photo: { type: 'boolean' },
  avatar: { type: 'boolean' },
  'account-document': { type: 'boolean' },
  nested: { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values']

/** What `crmkit` prints before each of its messages, as the mocks' CLIs print their names. */
const NAME = 'crmkit'

/**
 * `crmkit upload …`: parses argv, uploads, prints, and resolves the exit code. Never exits the process.
 * A usage error (an unknown flag, a missing value, a bad command) prints `crmkit: <message>`, a blank
 * line and the usage on stderr, and exits 2, as the mocks' CLIs do.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json')
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    })
    json = values.json === true
    if (values.help) {
      io.stdout.write(`${HELP}\n`)
      return EXIT.ok
    }
    if (values.version) {
      io.stdout.write(`${io.version}\n`)
      return EXIT.ok
    }
    const [command, service, ...files] = positionals
    if (command === undefined) throw new InvalidOptionsError('command', 'missing; the command is upload')
    if (command !== 'upload')
      throw new InvalidOptionsError('command', `'${command}' is not a command; the command is upload`)
    const common = commonOptions(values)
    const reporter = values.quiet ? undefined : createProgressReporter(io.stderr)
    const call = { onProgress: reporter?.progress, onRetry: reporter?.retry, signal: io.signal }
    let result: unknown
    if (service === 'sharpspring') result = await uploadSharpSpring(values, files, io, common, call)
    else if (service === 'onepagecrm') result = await uploadOnePageCrm(values, files, io, common, call)
    else if (service === undefined)
      throw new InvalidOptionsError('service', 'missing; give sharpspring or onepagecrm')
    else throw new InvalidOptionsError('service', `'${service}' is not sharpspring or onepagecrm`)
    io.stdout.write(json ? `${JSON.stringify(result)}\n` : `${describe(result)}\n`)
    return EXIT.ok
  } catch (error) {
    const parse = !isCrmkitError(error) && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    const code = parse ? EXIT.usage : exitCodeOf(error)
    const message = (error as Error).message
    if (json) {
      const { name, code: errorCode, ...fields } = error as Record<string, unknown>
      io.stdout.write(
        `${JSON.stringify({ error: { name: (error as Error).name, code: errorCode ?? null, message, ...fields } })}\n`,
      )
    }
    io.stderr.write(`${NAME}: ${message}\n${code === EXIT.usage ? `\n${HELP}\n` : ''}`)
    if (code === EXIT.unexpected) io.stderr.write(`${(error as Error).stack ?? ''}\n`)
    return code
  }
}

function commonOptions(values: Values): CommonClientOptions {
  const number = (name: 'timeout' | 'retries', text: string | undefined) => {
    if (text === undefined) return undefined
    if (!/^\d+$/.test(text)) throw new InvalidOptionsError(`--${name}`, `'${text}' is not a whole number`)
    return Number(text)
  }
  const timeout = number('timeout', values.timeout)
  const retries = number('retries', values.retries)
  return {
    ...(timeout === undefined ? {} : { timeout }),
    ...(retries === undefined ? {} : { retry: { retries } }),
  }
}

function required(flag: string, value: string | undefined, variable?: string): string {
  if (value === undefined || value === '') {
    throw new InvalidOptionsError(`--${flag}`, `is required${variable ? ` (or set ${variable})` : ''}`)
  }
  return value
}

function uploadSharpSpring(
  values: Values,
  files: string[],
  io: CliIo,
  common: CommonClientOptions,
  call: UploadCallOptions,
) {
  const client = createSharpSpringClient({
    ...common,
    accountId: required(
      'account-id',
      values['account-id'] ?? io.env.SHARPSPRING_ACCOUNT_ID,
      'SHARPSPRING_ACCOUNT_ID',
    ),
    secretKey: required(
      'secret-key',
      values['secret-key'] ?? io.env.SHARPSPRING_SECRET_KEY,
      'SHARPSPRING_SECRET_KEY',
    ),
    ...withBaseUrl(values['base-url'] ?? io.env.SHARPSPRING_BASE_URL),
    ...(values['api-version'] === undefined ? {} : { apiVersion: values['api-version'] as 'v1' }),
  })
  if (values.product !== undefined) {
    if (files.length !== 1)
      throw new InvalidOptionsError('image', 'give exactly one image file with --product')
    return client.uploadProductImage({ productId: values.product, image: files[0] as string }, call)
  }
  if (files.length === 0) throw new InvalidOptionsError('files', 'give at least one <objectId>=<file>')
  return client.uploadFiles(
    {
      objectType: required('object-type', values['object-type']) as SharpSpringObjectType,
      fieldSystemName: required('field', values.field),
      files: files.map((pair) => {
        const match = /^(\d+)=(.+)$/.exec(pair)
        if (match === null) throw new InvalidOptionsError('files', `'${pair}' is not <objectId>=<file>`)
        return { objectId: match[1] as string, file: match[2] as string }
      }),
    },
    call,
  )
}

function uploadOnePageCrm(
  values: Values,
  files: string[],
  io: CliIo,
  common: CommonClientOptions,
  call: UploadCallOptions,
) {
  const client = createOnePageCrmClient({
    ...common,
    userId: required('user-id', values['user-id'] ?? io.env.ONEPAGECRM_USER_ID, 'ONEPAGECRM_USER_ID'),
    apiKey: required('api-key', values['api-key'] ?? io.env.ONEPAGECRM_API_KEY, 'ONEPAGECRM_API_KEY'),
    ...withBaseUrl(values['base-url'] ?? io.env.ONEPAGECRM_BASE_URL),
  })
  if (files.length !== 1) throw new InvalidOptionsError('file', 'give exactly one file')
  return client.uploadAttachment(
    {
      contactId: required('contact', values.contact),
      file: files[0] as string,
      attachTo: attachTo(values),
      route: values.nested ? 'nested' : 'flat',
    },
    call,
  )
}

function attachTo(values: Values): AttachTo {
  const targets: AttachTo[] = []
  for (const type of ['note', 'deal', 'call', 'meeting'] as const) {
    const id = values[type]
    if (id !== undefined) targets.push({ type, id })
  }
  if (values.photo) targets.push({ type: 'photo' })
  if (values.avatar) targets.push({ type: 'avatar' })
  if (values['account-document']) targets.push({ type: 'account_document' })
  if (targets.length !== 1) {
    throw new InvalidOptionsError(
      'attach-to',
      'give exactly one of --note, --deal, --call, --meeting <id>, --photo, --avatar, --account-document',
    )
  }
  return targets[0] as AttachTo
}

const withBaseUrl = (baseUrl: string | undefined) => (baseUrl === undefined ? {} : { baseUrl })

/** A human line per uploaded file. */
function describe(result: unknown): string {
  if (Array.isArray(result)) {
    return result
      .map(
        (item: { fileName: string; id?: number; url?: string }) =>
          `${item.fileName} → ${item.id}: ${item.url}`,
      )
      .join('\n')
  }
  const record = result as {
    attachment?: { id: string; filename: string; size: number }
    imageURL?: string
    id?: number
  }
  if (record.attachment !== undefined) {
    return `${record.attachment.filename} (${record.attachment.size} bytes) attached: ${record.attachment.id}`
  }
  return `product ${record.id} image: ${record.imageURL}`
}
