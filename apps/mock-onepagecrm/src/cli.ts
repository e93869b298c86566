#!/usr/bin/env node
import { HELP, parseCliOptions } from './cli-options.js'
import { startOnePageCrmMock } from './server.js'

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliOptions>
  try {
    options = parseCliOptions(process.argv.slice(2), process.env)
  } catch (error) {
    console.error(`crmkit-mock-onepagecrm: ${(error as Error).message}\n\n${HELP}`)
    process.exit(2)
  }
  if (options.help) {
    process.stdout.write(`${HELP}\n`)
    return
  }
  const mock = await startOnePageCrmMock(options.start)
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
  const { info } = mock
  if (options.json) {
    process.stdout.write(`${JSON.stringify(info)}\n`)
    return
  }
  const { userId, apiKey } = info.auth
  const [contactId] = mock.api.state.contacts.keys()
  process.stdout.write(
    [
      'crmkit OnePageCRM mock is listening.',
      `  OnePageCRM API  ${info.api}`,
      `  user id        ${userId}   (HTTP Basic username)`,
      `  API key        ${apiKey}   (password)`,
      `  S3 emulator    ${info.s3.endpoint}  (path-style: ${info.s3.endpoint}/${info.s3.bucket})`,
      `  region         ${info.s3.region}, access key id ${info.s3.accessKeyId}`,
      `  state          ${options.start.dataDir ?? 'in memory, objects in a temporary directory removed on exit'}`,
      '',
      'First request (step 1 of the upload flow):',
      `  curl -u '${userId}:${apiKey}' '${info.api}/attachments/s3_form.json?contact_id=${contactId ?? '<contact id>'}'`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  )
}

main().catch((error: unknown) => {
  console.error(`crmkit-mock-onepagecrm: ${(error as Error).message}`)
  process.exit(1)
})
