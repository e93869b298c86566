#!/usr/bin/env node
import { runMockCli } from '@crmkit/mock-kit'
import { HELP, parseCliOptions } from './cli-options.js'
import { startSharpSpringMock } from './start.js'

await runMockCli({
  name: 'crmkit-mock-sharpspring',
  help: HELP,
  parse: (argv, env) => parseCliOptions(argv, env),
  start: startSharpSpringMock,
  banner: ({ info, demo }) => {
    const query = `accountID=${info.auth.accountId}&secretKey=${info.auth.secretKey}`
    return [
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
      "For crmkit's upload client and its `crmkit upload sharpspring` command:",
      `  export SHARPSPRING_BASE_URL='${info.api}' SHARPSPRING_ACCOUNT_ID='${info.auth.accountId}' SHARPSPRING_SECRET_KEY='${info.auth.secretKey}'`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n')
  },
})
