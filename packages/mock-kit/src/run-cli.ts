/** A started mock as the CLI needs it: what `--json` prints, and how to stop it. */
export interface CliMock<Info> {
  readonly info: Info
  close(): Promise<void>
}

/** What a mock's option parser gives the runner. */
export interface ParsedCli<Options> {
  readonly help: boolean
  readonly json: boolean
  readonly start: Options
}

export interface MockCli<Options, Mock extends CliMock<unknown>> {
  /** The command's name, prefixed to its error messages. */
  readonly name: string
  readonly help: string
  /** Parses argv and the environment; throws an Error naming a bad option. */
  readonly parse: (
    argv: readonly string[],
    env: NodeJS.ProcessEnv,
  ) => { help: boolean; json: boolean; start: Options }
  readonly start: (options: Options) => Promise<Mock>
  /** What to print once listening, without `--json`. */
  readonly banner: (mock: Mock, options: Options) => string
}

/**
 * The CLI every crmkit mock has: `--help`, a bad option → its message, the usage and exit 2; once listening
 * either one line of JSON (`--json`, for scripts) or a banner; SIGINT and SIGTERM close it cleanly.
 */
export async function runMockCli<Options, Mock extends CliMock<unknown>>(
  cli: MockCli<Options, Mock>,
): Promise<void> {
  let parsed: ParsedCli<Options>
  try {
    parsed = cli.parse(process.argv.slice(2), process.env)
  } catch (error) {
    console.error(`${cli.name}: ${(error as Error).message}\n\n${cli.help}`)
    process.exit(2)
  }
  if (parsed.help) {
    process.stdout.write(`${cli.help}\n`)
    return
  }
  let mock: Mock
  try {
    mock = await cli.start(parsed.start)
  } catch (error) {
    console.error(`${cli.name}: ${(error as Error).message}`)
    process.exit(1)
  }
  const stop = () => {
    mock.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  process.stdout.write(parsed.json ? `${JSON.stringify(mock.info)}\n` : cli.banner(mock, parsed.start))
}
