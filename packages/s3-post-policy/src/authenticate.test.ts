import { describe, expect, it } from 'vitest'
import { authenticatePostForm } from './authenticate.js'
import type { FormFieldEntry } from './form-fields.js'
import { BUCKET, OPTIONS, signedForm, withField } from './test-support.js'

const authenticate = (fields: FormFieldEntry[]) => authenticatePostForm({ bucket: BUCKET, fields }, OPTIONS)

describe('authenticatePostForm', () => {
  it('gives the smallest content-length-range maximum, for cutting a large upload short', async () => {
    const fields = await signedForm(
      [{ bucket: BUCKET }, { key: 'a' }, ['content-length-range', 0, 100], ['content-length-range', 0, '50']],
      [['key', 'a']],
    )
    const result = await authenticate(fields)
    expect(result.ok && result.value.maxFileSize).toBe(50)
  })

  it('refuses a malformed credential, another service or terminator, a bad algorithm or date', async () => {
    const good = await signedForm([{ bucket: BUCKET }, { key: 'a' }], [['key', 'a']])
    const credential = good.find(([n]) => n === 'x-amz-credential')?.[1] ?? ''
    const cases: Array<[string, string, string]> = [
      [
        'x-amz-credential',
        'AKID/2015',
        'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed',
      ],
      ['x-amz-credential', credential.replace('/s3/', '/ec2/'), 'incorrect service "ec2"'],
      ['x-amz-credential', credential.replace('aws4_request', 'aws5'), 'incorrect terminal "aws5"'],
      ['x-amz-algorithm', 'AWS4-HMAC-SHA1', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"'],
      ['x-amz-date', '2015-12-29', 'X-Amz-Date must be in the ISO8601 Long Format'],
    ]
    for (const [name, value, text] of cases) {
      const result = await authenticate(withField(good, name, value))
      expect(!result.ok && result.error.code, name).toBe('InvalidArgument')
      expect(!result.ok && result.error.message, name).toContain(text)
    }
  })
})
