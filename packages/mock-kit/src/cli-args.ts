import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

/** The options a mock's CLI takes, besides `--json`, `--help` and `--version` which every one has. */
export type CliOptionSpec = Readonly<
  Record<string, { readonly type: 'string' | 'boolean'; readonly multiple?: boolean }>
>

export interface CliArgs {
  readonly help: boolean
  /** `--version` or `-v`, never from the environment. */
  readonly version: boolean
  readonly json: boolean
  /** The arguments that are not options (service names), in order. */
  readonly positionals: readonly string[]
  /** `--name <value>`, else `CRMKIT_NAME`. */
  text(name: string): string | undefined
  /** `--name`, else `CRMKIT_NAME=1`. */
  flag(name: string): boolean
  /** `--name` repeated, else `CRMKIT_NAME` comma-separated. */
  list(name: string): string[] | undefined
  /** A port from `--name` or `CRMKIT_NAME`, else `fallback` (default 0, a free port); a bad one throws. */
  port(name: string, fallback?: number): number
}

/**
 * Reads a mock's argv strictly (an unknown option throws), with every option also readable from a
 * `CRMKIT_<NAME>` environment variable (dashes as underscores); flags win over the environment.
 */
export function readCliArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  options: CliOptionSpec,
): CliArgs {
  const spec = {
    ...options,
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  } as const
  let read: ReturnType<typeof parseArgs>
  try {
    read = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: spec })
  } catch (error) {
    throw new Error(unknownOptionMessage(error, Object.keys(spec)) ?? (error as Error).message)
  }
  const { values: parsed, positionals } = read
  const values = parsed as Readonly<Record<string, string | boolean | Array<string | boolean> | undefined>>
  const fromEnv = (name: string) => env[`CRMKIT_${name.toUpperCase().replaceAll('-', '_')}`]
  const text = (name: string) => {
    const value = values[name]
    return typeof value === 'string' ? value : fromEnv(name)
  }
  const flag = (name: string) => values[name] === true || fromEnv(name) === '1'
  return {
    help: values.help === true,
    version: values.version === true,
    json: flag('json'),
    positionals,
    text,
    flag,
    list: (name) => {
      const value = values[name]
      return Array.isArray(value) ? value.map(String) : fromEnv(name)?.split(',')
    },
    port: (name, fallback = 0) => {
      const value = text(name)
      if (value === undefined) return fallback
      if (!/^\d+$/.test(value) || Number(value) > 65535)
        throw new Error(`--${name}: '${value}' is not a port number (0-65535)`)
      return Number(value)
    },
  }
}

/** The JSON in the file an option names (`--seed <file.json>`); throws naming the option and the file. */
export function readJsonFile(flag: string, path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`${flag}: cannot read ${path}: ${(error as Error).message}`)
  }
}

/**
 * Node's message for an unknown option, without its advice about positionals (no command here takes one
 * that starts with a dash), and with the options whose names contain it: `--port` names every
 * `--<service>-port`.
 */
function unknownOptionMessage(error: unknown, known: readonly string[]): string | undefined {
  if ((error as { code?: unknown }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined
  const option = /'(-[^']*)'/.exec((error as Error).message)?.[1]
  if (option === undefined) return undefined
  const word = option.replace(/^-+/, '').split('=')[0] ?? ''
  const near = word.length < 2 ? [] : known.filter((name) => name.split('-').includes(word))
  return `Unknown option '${option}'.${near.length === 0 ? '' : ` Did you mean ${near.map((name) => `--${name}`).join(', ')}?`}`
}
