#!/usr/bin/env node
import { HELP, parseCliOptions } from './cli-options.js'
import { startSharpSpringMock } from './start.js'

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliOptions>
  try {
    options = parseCliOptions(process.argv.slice(2), process.env)
  } catch (error) {
    console.error(`crmkit-mock-sharpspring: ${(error as Error).message}\n\n${HELP}`)
    process.exit(2)
  }
  if (options.help) {
    process.stdout.write(`${HELP}\n`)
    return
  }
  const mock = await startSharpSpringMock(options.start)
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
  const { info, demo } = mock
  if (options.json) {
    process.stdout.write(`${JSON.stringify(info)}\n`)
    return
  }
  const query = `accountID=${info.auth.accountId}&secretKey=${info.auth.secretKey}`
  process.stdout.write(
    [
      'crmkit SharpSpring mock is listening.',
      `  API           ${info.api}/v1/   (and /v1.2/)`,
      `  accountID     ${info.auth.accountId}`,
      `  secretKey     ${info.auth.secretKey}`,
      `  demo          lead ${demo.leadId}, account ${demo.accountId}, opportunity ${demo.opportunityId}, product ${demo.productId}`,
      `  File Upload   lead field ${demo.fileFields.lead}`,
      '',
      'First request:',
      `  curl -s '${info.api}/v1/?${query}' -d '{"method":"getLead","params":{"id":${demo.leadId}},"id":"1"}'`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  )
}

main().catch((error: unknown) => {
  console.error(`crmkit-mock-sharpspring: ${(error as Error).message}`)
  process.exit(1)
})
