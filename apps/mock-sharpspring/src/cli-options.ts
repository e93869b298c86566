import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_ACCOUNT_ID, DEFAULT_SECRET_KEY } from './domain/config.js'
import type { StartSharpSpringOptions } from './start.js'

export const HELP = `Usage: crmkit-mock-sharpspring [options]

Starts the SharpSpring (Constant Contact Lead Gen & CRM) mock: the JSON-RPC API at /pubapi/{v1,v1.2}/,
/uploadFiles and /uploadProductImage, and the admin API at /__admin.

Options:
  --host <addr>               Address to bind (default 127.0.0.1)
  --port <n>                  Port; 0 picks a free port (default 0)
  --account-id <id>           The accountID the API accepts (default ${DEFAULT_ACCOUNT_ID})
  --secret-key <key>          Its secretKey (default ${DEFAULT_SECRET_KEY})
  --data-dir <dir>            Keep records and uploaded files here across restarts (default: records in
                              memory, files in a temporary directory removed on exit). Use a fixed --port
                              with it: stored file URLs carry the port they were uploaded on
  --seed <file.json>          Fields, leads, accounts, opportunities and products to add to the demo data
  --file-field-type <name>    The dataType of File Upload fields (default file)
  --max-file-mib <n>          Largest uploaded file kept, in MiB (default 25)
  --limits                    Enforce SharpSpring's 10 calls a second (107) and 50,000 a day (106)
  --json                      Once listening, print one line of JSON describing the mock
  --help                      Show this text

Environment: the same options as CRMKIT_<NAME> with dashes as underscores, e.g. CRMKIT_PORT=4570.
SIGINT and SIGTERM stop the mock cleanly.`

export interface CliOptions {
  readonly help: boolean
  readonly json: boolean
  readonly start: StartSharpSpringOptions
}

/** Parses argv (flags win over CRMKIT_* environment variables). Throws an Error naming the bad option. */
export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'account-id': { type: 'string' },
      'secret-key': { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      'file-field-type': { type: 'string' },
      'max-file-mib': { type: 'string' },
      limits: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const fromEnv = (name: string) => env[`CRMKIT_${name.toUpperCase().replaceAll('-', '_')}`]
  const text = (name: keyof typeof values): string | undefined => {
    const value = values[name]
    return typeof value === 'string' ? value : fromEnv(name)
  }
  const portText = text('port')
  if (portText !== undefined && (!/^\d+$/.test(portText) || Number(portText) > 65535))
    throw new Error(`--port: '${portText}' is not a port number (0-65535)`)
  const maxMib = text('max-file-mib')
  if (maxMib !== undefined && !/^[1-9]\d{0,5}$/.test(maxMib))
    throw new Error(`--max-file-mib: '${maxMib}' is not a whole number of MiB`)
  for (const name of ['account-id', 'secret-key'] as const) {
    const value = text(name)
    if (value !== undefined && value.trim() === '') throw new Error(`--${name}: must not be empty`)
  }
  const seedPath = text('seed')
  return {
    help: values.help === true,
    json: values.json === true || fromEnv('json') === '1',
    start: {
      host: text('host') ?? '127.0.0.1',
      port: portText === undefined ? 0 : Number(portText),
      seed: seedPath === undefined ? undefined : readSeed(seedPath),
      dataDir: text('data-dir'),
      config: {
        ...(text('account-id') === undefined ? {} : { accountId: text('account-id') }),
        ...(text('secret-key') === undefined ? {} : { secretKey: text('secret-key') }),
        ...(text('file-field-type') === undefined ? {} : { fileFieldType: text('file-field-type') }),
        ...(maxMib === undefined ? {} : { maxFileBytes: Number(maxMib) * 1024 * 1024 }),
        limits: values.limits === true || fromEnv('limits') === '1',
      },
    },
  }
}

function readSeed(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`--seed: cannot read ${path}: ${(error as Error).message}`)
  }
}
