import { describe, expect, it } from 'vitest'
import { toHex } from './encoding.js'
import { encodePolicy, signPolicy } from './sign.js'
import {
  deriveSigningKey,
  parseAmzDate,
  parseCredential,
  signString,
  signV4,
  toAmzDate,
  toDateStamp,
} from './sigv4.js'

// The example key pair and scope of https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const AWS_EXAMPLE_POLICY =
  'eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9'

describe('SigV4 test vectors (AWS sigv4-post-example; docs/s3-post-policy-rules.md, "Signature")', () => {
  it('reproduces the AWS signing key', async () => {
    const key = await deriveSigningKey(SECRET, '20151229', 'us-east-1', 's3')
    expect(toHex(key)).toBe('cbcef1ebeaefc82cce6530b9f0a9ae598846065f5c5bae0674bd5ebc4ba52d28')
  })

  it("reproduces the AWS doc's policy signature over its 864-character base64 policy", async () => {
    expect(AWS_EXAMPLE_POLICY).toHaveLength(864)
    expect(atob(AWS_EXAMPLE_POLICY)).toHaveLength(648)
    expect(atob(AWS_EXAMPLE_POLICY)).toContain('\r\n')
    const key = await deriveSigningKey(SECRET, '20151229', 'us-east-1')
    expect(await signString(key, AWS_EXAMPLE_POLICY)).toBe(
      '8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e',
    )
  })

  it('signs the same through the cached signing key, and a cached key does not leak across scopes', async () => {
    const scope = { dateStamp: '20151229', region: 'us-east-1', service: 's3' }
    const expected = '8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e'
    expect(await signV4(SECRET, scope, AWS_EXAMPLE_POLICY)).toBe(expected)
    expect(await signV4(SECRET, scope, AWS_EXAMPLE_POLICY)).toBe(expected)
    const others = [
      signV4(`${SECRET}x`, scope, AWS_EXAMPLE_POLICY),
      signV4(SECRET, { ...scope, dateStamp: '20151230' }, AWS_EXAMPLE_POLICY),
      signV4(SECRET, { ...scope, region: 'eu-west-1' }, AWS_EXAMPLE_POLICY),
      signV4(SECRET, { ...scope, service: 'sts' }, AWS_EXAMPLE_POLICY),
    ]
    for (const other of await Promise.all(others)) expect(other).not.toBe(expected)
    // Past the cache's size the oldest keys are derived again, with the same result.
    for (let region = 0; region < 60; region++) await signV4(SECRET, { ...scope, region: `r${region}` }, 'x')
    expect(await signV4(SECRET, scope, AWS_EXAMPLE_POLICY)).toBe(expected)
  })

  it('reproduces the botocore-style vector through encodePolicy and signPolicy', async () => {
    const json =
      '{"expiration": "2015-12-29T01:00:00Z", "conditions": [{"bucket": "sigv4examplebucket"}, {"key": "user/user1/photo.jpg"}, {"x-amz-algorithm": "AWS4-HMAC-SHA256"}, {"x-amz-credential": "AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"}, {"x-amz-date": "20151229T000000Z"}]}'
    const signature = await signPolicy(encodePolicy(json), {
      secretAccessKey: SECRET,
      region: 'us-east-1',
      date: new Date('2015-12-29T00:00:00Z'),
    })
    expect(signature).toBe('3364624b39010d9b06f5d9b8c9a18a6e478d261c048159c92f2fd6fa885f14e6')
  })
})

describe('dates and credentials', () => {
  it('formats and parses x-amz-date', () => {
    const date = new Date('2015-12-29T13:04:05.678Z')
    expect(toAmzDate(date)).toBe('20151229T130405Z')
    expect(toDateStamp(date)).toBe('20151229')
    expect(parseAmzDate('20151229T130405Z')?.toISOString()).toBe('2015-12-29T13:04:05.000Z')
  })

  it('refuses dates that are not the basic ISO 8601 form or not real', () => {
    for (const bad of ['2015-12-29T13:04:05Z', '20151229T130405', '20151329T000000Z', '20150230T000000Z']) {
      expect(parseAmzDate(bad), bad).toBeUndefined()
    }
  })

  it('splits a credential scope into five parts', () => {
    expect(parseCredential('AKID/20151229/us-east-1/s3/aws4_request')).toEqual({
      accessKeyId: 'AKID',
      dateStamp: '20151229',
      region: 'us-east-1',
      service: 's3',
      terminator: 'aws4_request',
    })
    expect(parseCredential('AKID/20151229/us-east-1/s3')).toBeUndefined()
    expect(parseCredential('AKID//us-east-1/s3/aws4_request')).toBeUndefined()
  })
})
