import type { CliArgs, CliOptionSpec } from '@crmkit/mock-kit'
import { DEFAULT_ACCOUNT_ID, DEFAULT_SECRET_KEY } from './domain/config.js'
import { isTimeZone } from './domain/time-zone.js'
import type { SharpSpringServiceOptions } from './service.js'

/** The SharpSpring mock's command-line options (the `crmkit-mocks` command adds `--sharpspring-port`). */
export const SHARPSPRING_OPTIONS: CliOptionSpec = {
  'account-id': { type: 'string' },
  'secret-key': { type: 'string' },
  'file-field-type': { type: 'string' },
  'max-file-mib': { type: 'string' },
  limits: { type: 'boolean' },
  'time-zone': { type: 'string' },
}

export const SHARPSPRING_HELP = `SharpSpring:
  --account-id <id>              The accountID the API accepts (default ${DEFAULT_ACCOUNT_ID})
  --secret-key <key>             Its secretKey (default ${DEFAULT_SECRET_KEY})
  --file-field-type <name>       The dataType of File Upload fields (default upload)
  --max-file-mib <n>             Largest uploaded file kept, in MiB (default 25)
  --limits                       Enforce SharpSpring's 10 calls a second (107) and 50,000 a day (106)
  --time-zone <zone>             The account's IANA time zone, of v1's date-times (default America/New_York)`

/** The service's options from argv and `CRMKIT_*`; throws an Error naming a bad option. */
export function readSharpSpringOptions(args: CliArgs): Pick<SharpSpringServiceOptions, 'config'> {
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
  const timeZone = args.text('time-zone')
  if (timeZone !== undefined && !isTimeZone(timeZone))
    throw new Error(`--time-zone: '${timeZone}' is not an IANA time zone (America/New_York, UTC…)`)
  return {
    config: {
      ...(accountId === undefined ? {} : { accountId }),
      ...(secretKey === undefined ? {} : { secretKey }),
      ...(fileFieldType === undefined ? {} : { fileFieldType }),
      ...(maxMib === undefined ? {} : { maxFileBytes: Number(maxMib) * 1024 * 1024 }),
      ...(timeZone === undefined ? {} : { timeZone }),
      limits: args.flag('limits'),
    },
  }
}
