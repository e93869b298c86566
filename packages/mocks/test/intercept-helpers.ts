import type { InterceptedVendors } from '../src/index.js'

/** The seeds' SharpSpring JSON-RPC endpoint, with the real host built in. */
export const SHARPSPRING_API = 'https://api.sharpspring.com/pubapi/v1/'
export const ONEPAGECRM_API = 'https://app.onepagecrm.com/api/v3'
/** OnePageCRM's real attachment bucket, virtual-hosted. */
export const BUCKET_URL = 'https://onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com/'

export const sharpSpringQuery = (mocks: InterceptedVendors) => {
  const ss = mocks.sharpspring
  if (ss === undefined) throw new Error('SharpSpring is not running')
  return `accountID=${ss.credentials.accountId}&secretKey=${ss.credentials.secretKey}`
}

export const onePageCrmAuth = (mocks: InterceptedVendors) => {
  const opc = mocks.onepagecrm
  if (opc === undefined) throw new Error('OnePageCRM is not running')
  return `Basic ${Buffer.from(`${opc.credentials.userId}:${opc.credentials.apiKey}`).toString('base64')}`
}

/** SharpSpring's uploadFiles form as its PHP example builds it: one file, then a part named like it. */
export function uploadFilesForm(mocks: InterceptedVendors, name: string, bytes: string): FormData {
  const ss = mocks.sharpspring
  if (ss === undefined) throw new Error('SharpSpring is not running')
  const form = new FormData()
  form.append('id', '1')
  form.append('objectType', 'lead')
  form.append('fieldSystemName', ss.demo.fileFields.lead)
  form.append('files[0]', new Blob([bytes], { type: 'text/plain' }), name)
  form.append(name, String(ss.demo.leadId))
  return form
}
