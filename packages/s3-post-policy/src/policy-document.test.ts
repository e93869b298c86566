import { describe, expect, it } from 'vitest'
import { encodeBase64Utf8 } from './encoding.js'
import { parseExpiration, parsePolicy, readPolicy } from './policy-document.js'

const parse = (json: string) => parsePolicy(encodeBase64Utf8(json))
const errorOf = (json: string) => {
  const result = parse(json)
  if (result.ok) throw new Error('expected a failure')
  return result.error
}
const withConditions = (conditions: string) =>
  `{"expiration":"2030-01-01T00:00:00Z","conditions":${conditions}}`

describe('parsePolicy', () => {
  it('accepts expiration with and without milliseconds', () => {
    for (const expiration of ['2015-12-30T12:00:00.000Z', '2015-12-30T12:00:00Z']) {
      const result = parse(`{"expiration":"${expiration}","conditions":[]}`)
      expect(result.ok && result.value.expiration.toISOString()).toBe('2015-12-30T12:00:00.000Z')
    }
  })

  it('row 8: refuses JSON it cannot parse', () => {
    expect(errorOf('{"expiration": ')).toEqual({
      status: 400,
      code: 'InvalidPolicyDocument',
      message: 'Invalid Policy: Invalid JSON.',
      details: [],
    })
  })

  it('row 9: refuses text that is not base64, or not UTF-8', () => {
    for (const policy of ['not base64!', 'abc', btoa('\xff\xfe')]) {
      const result = parsePolicy(policy)
      expect(!result.ok && result.error.message, policy).toBe('Invalid Policy: Invalid JSON.')
    }
  })

  it('row 10: refuses an expiration with an offset or a space', () => {
    for (const value of ['2011-09-13T07:52:58+02:00', '2011-09-13 07:52:58Z', '2015-02-30T00:00:00Z']) {
      expect(errorOf(`{"expiration":"${value}","conditions":[]}`).message).toBe(
        `Invalid Policy: Invalid 'expiration' value: '${value}'`,
      )
    }
  })

  it('row 11: refuses a document without expiration or conditions, names being case-sensitive', () => {
    expect(errorOf('{"EXPIRATION":"2030-01-01T00:00:00Z","conditions":[]}').code).toBe(
      'InvalidPolicyDocument',
    )
    expect(errorOf('{"expiration":"2030-01-01T00:00:00Z"}').message).toBe(
      'Invalid Policy: Policy missing conditions.',
    )
    expect(errorOf('{"conditions":[]}').message).toBe('Invalid Policy: Policy missing expiration.')
    expect(errorOf(withConditions('{}')).status).toBe(400)
  })

  it('row 12: refuses a simple condition with two properties, or none', () => {
    for (const condition of ['{"acl":"private","key":"a"}', '{}']) {
      expect(errorOf(withConditions(`[${condition}]`)).message).toBe(
        'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.',
      )
    }
  })

  it('refuses content-length-range with the wrong arity or a negative bound (s3-tests: 400)', () => {
    for (const condition of [
      '["content-length-range", 0]',
      '["content-length-range", -1, 10]',
      '["content-length-range", 0, "-5"]',
    ]) {
      expect(errorOf(withConditions(`[${condition}]`)).status, condition).toBe(400)
    }
  })

  it('keeps numeric strings as numbers and non-numeric strings as failing bounds (rows 19)', () => {
    const result = parse(
      withConditions('[["content-length-range", "5", "10"], ["content-length-range", "test", "10"]]'),
    )
    expect(result.ok && result.value.conditions).toEqual([
      {
        kind: 'content-length-range',
        min: 5,
        max: 10,
        text: '["content-length-range", "5", "10"]',
        written: '["content-length-range", "5", "10"]',
      },
      {
        kind: 'content-length-range',
        min: undefined,
        max: 10,
        text: '["content-length-range", "test", "10"]',
        written: '["content-length-range", "test", "10"]',
      },
    ])
  })

  it('prints conditions as written, simple ones as eq', () => {
    const result = parse(
      withConditions(
        '[{"ACL":"public-read"}, ["StArTs-WiTh","$KeY","user/"], ["eq","key","x"], ["content-length-range", 0, 10]]',
      ),
    )
    expect(result.ok && result.value.conditions.map((c) => c.text)).toEqual([
      '["eq", "$ACL", "public-read"]',
      '["StArTs-WiTh", "$KeY", "user/"]',
      '["eq", "key", "x"]',
      '["content-length-range", 0, 10]',
    ])
    expect(result.ok && result.value.conditions[1]).toMatchObject({ kind: 'starts-with', field: 'key' })
    expect(result.ok && result.value.conditions[2]).toMatchObject({ referencesField: false })
    // As the policy writes them, for an explanation: an object stays an object.
    expect(result.ok && result.value.conditions.map((c) => c.written)).toEqual([
      '{"ACL": "public-read"}',
      '["StArTs-WiTh", "$KeY", "user/"]',
      '["eq", "key", "x"]',
      '["content-length-range", 0, 10]',
    ])
  })

  it('says what is wrong with a refused document in plain words', () => {
    expect(readPolicy('not base64!').problem).toBe('not base64 of UTF-8 text')
    expect(readPolicy(btoa('{"expiration": ')).problem).toMatch(/^not JSON \(.+\)$/)
    expect(readPolicy(btoa('[]')).problem).toBe('not a JSON object')
    expect(readPolicy(btoa('{"conditions": []}')).problem).toBe('Policy missing expiration.')
    expect(readPolicy(encodeBase64Utf8(withConditions('[]')))).toEqual({
      result: parse(withConditions('[]')),
    })
  })

  it('refuses an unknown operator', () => {
    expect(errorOf(withConditions('[["matches", "$key", "a"]]')).message).toBe(
      "Invalid Policy: Invalid Condition: unknown operation 'matches'.",
    )
  })
})

describe('parseExpiration', () => {
  it('parses only UTC with Z', () => {
    expect(parseExpiration('2015-12-30T12:00:00.5Z')?.getTime()).toBe(Date.UTC(2015, 11, 30, 12, 0, 0, 500))
    expect(parseExpiration('2015-12-30')).toBeUndefined()
  })
})
