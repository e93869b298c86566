import { type ParsedCli, readCliArgs, readJsonFile } from '@crmkit/mock-kit'
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

export type CliOptions = ParsedCli<StartSharpSpringOptions>

/** Parses argv (flags win over CRMKIT_* environment variables). Throws an Error naming the bad option. */
export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const args = readCliArgs(argv, env, {
    host: { type: 'string' },
    port: { type: 'string' },
    'account-id': { type: 'string' },
    'secret-key': { type: 'string' },
    seed: { type: 'string' },
    'data-dir': { type: 'string' },
    'file-field-type': { type: 'string' },
    'max-file-mib': { type: 'string' },
    limits: { type: 'boolean' },
  })
  const maxMib = args.text('max-file-mib')
  if (maxMib !== undefined && !/^[1-9]\d{0,5}$/.test(maxMib))
    throw new Error(`--max-file-mib: '${maxMib}' is not a whole number of MiB`)
  for (const name of ['account-id', 'secret-key'] as const) {
    const value = args.text(name)
    if (value !== undefined && value.trim() === '') throw new Error(`--${name}: must not be empty`)
  }
  const accountId = args.text('account-id')
  const secretKey = args.text('secret-key')
  const fileFieldType = args.text('file-field-type')
  const seedPath = args.text('seed')
  return {
    help: args.help,
    json: args.json,
    start: {
      host: args.text('host') ?? '127.0.0.1',
      port: args.port('port'),
      seed: seedPath === undefined ? undefined : readJsonFile('--seed', seedPath),
      dataDir: args.text('data-dir'),
      config: {
        ...(accountId === undefined ? {} : { accountId }),
        ...(secretKey === undefined ? {} : { secretKey }),
        ...(fileFieldType === undefined ? {} : { fileFieldType }),
        ...(maxMib === undefined ? {} : { maxFileBytes: Number(maxMib) * 1024 * 1024 }),
        limits: args.flag('limits'),
      },
    },
  }
}
