import { describe, expect, it } from 'vitest'
import { redactSecrets, redactUrl } from './redact.js'

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

describe('redactSecrets', () => {
  it('replaces a secret wherever an answer echoes it, keys too, and leaves the rest alone', () => {
    const answer = {
      code: 105,
      data: { secretKey: 'S3CRET-KEY', url: '/?secretKey=S3CRET-KEY', n: 1, S3CRET_KEY: [] },
    }
    expect(redactSecrets(answer, ['S3CRET-KEY'])).toEqual({
      code: 105,
      data: { secretKey: '[redacted]', url: '/?secretKey=[redacted]', n: 1, S3CRET_KEY: [] },
    })
    expect(redactSecrets('say S3CRET-KEY twice: S3CRET-KEY', ['S3CRET-KEY'])).toBe(
      'say [redacted] twice: [redacted]',
    )
    // A secret too short to tell from ordinary text is not searched for.
    expect(redactSecrets('a b c', ['a'])).toBe('a b c')
  })
})
