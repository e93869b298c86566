#!/usr/bin/env node
import { runMockCli } from '@crmkit/mock-kit'
import { HELP, parseCliOptions } from './cli-options.js'
import { startOnePageCrmMock } from './server.js'

await runMockCli({
  name: 'crmkit-mock-onepagecrm',
  help: HELP,
  parse: (argv, env) => parseCliOptions(argv, env),
  start: startOnePageCrmMock,
  banner: (mock, options) => {
    const { info } = mock
    const { userId, apiKey } = info.auth
    const [contactId] = mock.api.state.contacts.keys()
    const [noteId] = mock.api.state.note.keys()
    return [
      'crmkit OnePageCRM mock is listening.',
      `  OnePageCRM API  ${info.api}`,
      `  user id        ${userId}   (HTTP Basic username)`,
      `  API key        ${apiKey}   (password)`,
      `  S3 emulator    ${info.s3.endpoint}  (path-style: ${info.s3.endpoint}/${info.s3.bucket})`,
      `  region         ${info.s3.region}, access key id ${info.s3.accessKeyId}`,
      `  state          ${options.dataDir ?? 'in memory, objects in a temporary directory removed on exit'}`,
      `  demo           contact ${contactId ?? '-'}, note ${noteId ?? '-'}`,
      '',
      'First request (step 1 of the upload flow):',
      `  curl -u '${userId}:${apiKey}' '${info.api}/attachments/s3_form.json?contact_id=${contactId ?? '<contact id>'}'`,
      '',
      "For crmkit's upload client and its `crmkit upload onepagecrm` command:",
      `  export ONEPAGECRM_BASE_URL='${info.api}' ONEPAGECRM_USER_ID='${userId}' ONEPAGECRM_API_KEY='${apiKey}'`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n')
  },
})
