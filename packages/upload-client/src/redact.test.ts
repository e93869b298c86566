import { describe, expect, it } from 'vitest'
import { redactUrl } from './redact.js'

describe('redactUrl', () => {
  it('hides secretKey and keeps the other parameters', () => {
    expect(redactUrl('http://h/pubapi/v1/uploadFiles?accountID=A1&secretKey=TOPSECRET')).toBe(
      'http://h/pubapi/v1/uploadFiles?accountID=A1&secretKey=[redacted]',
    )
  })

  it('drops credentials in the userinfo and any signature parameter', () => {
    const redacted = redactUrl('https://user:pw@s3.test/b/k?X-Amz-Signature=abc&X-Amz-Credential=AKIA%2Fx')
    expect(redacted).toBe('https://s3.test/b/k?X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]')
    expect(redacted).not.toMatch(/pw|abc|AKIA/)
  })

  it('never echoes an unparseable input, which could itself be a secret', () => {
    expect(redactUrl('not a url secretKey=x')).toBe('[unparseable URL]')
  })
})
