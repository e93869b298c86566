import type { MocksInfo } from '../mocks-info.js'

/** What `crmkit-mocks` prints once listening (without `--json`): where each service is, and a first request. */
export function banner(info: MocksInfo, state: string): string {
  const lines = ['crmkit mocks are listening.', '']
  const { sharpspring, onepagecrm, s3 } = info
  if (sharpspring !== undefined) {
    const { credentials: auth, demo } = sharpspring
    const query = `accountID=${auth.accountId}&secretKey=${auth.secretKey}`
    lines.push(
      `SharpSpring   ${sharpspring.api}/v1/   (and /v1.2/)`,
      `  accountID ${auth.accountId}   secretKey ${auth.secretKey}`,
      `  demo: lead ${demo.leadId}, account ${demo.accountId}, opportunity ${demo.opportunityId}, product ${demo.productId}`,
      `  File Upload field of leads: ${demo.fileFields.lead}`,
      `  curl -s '${sharpspring.api}/v1/?${query}' -d '{"method":"getLead","params":{"id":${demo.leadId}},"id":"1"}'`,
      `  curl -s '${sharpspring.api}/v1/uploadFiles?${query}' -F id=1 -F objectType=lead \\`,
      `    -F fieldSystemName=${demo.fileFields.lead} -F 'files[0]=@./any-file.pdf' -F any-file.pdf=${demo.leadId}`,
      `  export SHARPSPRING_BASE_URL='${sharpspring.api}' SHARPSPRING_ACCOUNT_ID='${auth.accountId}' SHARPSPRING_SECRET_KEY='${auth.secretKey}'`,
      '',
    )
  }
  if (onepagecrm !== undefined) {
    const { credentials: auth, demo } = onepagecrm
    lines.push(
      `OnePageCRM    ${onepagecrm.api}`,
      `  user id ${auth.userId} (HTTP Basic username)   API key ${auth.apiKey} (password)`,
      `  demo: contact ${demo.contactId}, deal ${demo.dealId}, note ${demo.noteId}, action ${demo.actionId}`,
      `  curl -u '${auth.userId}:${auth.apiKey}' '${onepagecrm.api}/attachments/s3_form.json?contact_id=${demo.contactId}'`,
      `  export ONEPAGECRM_BASE_URL='${onepagecrm.api}' ONEPAGECRM_USER_ID='${auth.userId}' ONEPAGECRM_API_KEY='${auth.apiKey}'`,
      '',
    )
  }
  if (s3 !== undefined) {
    lines.push(
      `S3 emulator   ${s3.url}   (path-style: ${s3.url}/${s3.bucket})`,
      `  region ${s3.region}, access key id ${s3.credentials.accessKeyId}`,
      '',
    )
  }
  lines.push(
    `State: ${state}`,
    'Admin API on every port: /__admin/health, /__admin/requests, /__admin/reset, /__admin/faults, /__admin/clock.',
    'Press Ctrl+C to stop.',
    '',
  )
  return lines.join('\n')
}
