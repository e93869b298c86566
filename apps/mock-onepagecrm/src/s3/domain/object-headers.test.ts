import { describe, expect, it } from 'vitest'
import {
  checkMetadataSize,
  encodeMetadataValue,
  headerText,
  objectHeaders,
  responseOverrides,
} from './object-headers.js'
import type { StoredObject } from './stored-object.js'

const object = (overrides: Partial<StoredObject> = {}): StoredObject => ({
  bucket: 'b',
  key: 'k',
  size: 3,
  etag: '"etag"',
  lastModified: '2026-03-01T12:00:00.000Z',
  contentType: 'text/plain',
  acl: 'private',
  storageClass: 'STANDARD',
  headers: {},
  metadata: {},
  tags: [],
  ...overrides,
})

describe('encodeMetadataValue: RFC 2047, in the form S3 picks', () => {
  it.each([
    ['plain ASCII, spaces, = ? _ and a tab', 'a b=c?d_e\tf', 'a b=c?d_e\tf'],
    ['empty', '', ''],
    ['Latin-1 letters (Q)', 'café', '=?UTF-8?Q?caf=C3=A9?='],
    ['CJK with a space, an underscore, = and ? (Q)', '日本 _=?', '=?UTF-8?Q?=E6=97=A5=E6=9C=AC_=5F=3D=3F?='],
    ['an emoji (Q)', '😀', '=?UTF-8?Q?=F0=9F=98=80?='],
    ['a newline with non-ASCII (B)', 'é\n', `=?UTF-8?B?${Buffer.from('é\n').toString('base64')}?=`],
    ['a lone control character (B)', 'a\u0001', `=?UTF-8?B?${Buffer.from('a\u0001').toString('base64')}?=`],
    ['CR LF (B)', 'a\r\nb', `=?UTF-8?B?${Buffer.from('a\r\nb').toString('base64')}?=`],
    ['NUL (B)', '\u0000', '=?UTF-8?B?AA==?='],
    ['DEL (B)', '\u007f', '=?UTF-8?B?fw==?='],
    ['a C1 control (B)', '\u0085', '=?UTF-8?B?woU=?='],
    ['a format character (B)', 'a\u200Bb', `=?UTF-8?B?${Buffer.from('a\u200Bb').toString('base64')}?=`],
    ['U+FFFD (B)', '\uFFFD', '=?UTF-8?B?77+9?='],
  ])('%s', (_, value, expected) => {
    expect(encodeMetadataValue(value)).toBe(expected)
  })
})

describe('headerText: what a header cannot carry becomes a space', () => {
  it.each([
    ['text/plain; charset=utf-8', 'text/plain; charset=utf-8'],
    ['attachment; filename="café.txt"', 'attachment; filename="café.txt"'],
    ['attachment; filename="日本.txt"', 'attachment; filename="  .txt"'],
    ['a😀b', 'a b'],
    ['text/plain\r\nX-Injected: 1', 'text/plain  X-Injected: 1'],
    ['a\u0000\u0001\u007fb\tc', 'a   b\tc'],
  ])('%j → %j', (value, expected) => {
    expect(headerText(value)).toBe(expected)
  })
})

describe('objectHeaders: nothing stored can make an answer fail', () => {
  const hostile = [
    '\u0000',
    '\r\n',
    'a\nb',
    '日本',
    '😀',
    '\uD800',
    '\u0085',
    ' lead and trail ',
    'x'.repeat(2000),
  ]

  it.each(hostile)('builds valid headers around the stored value %j', (value) => {
    const headers = objectHeaders(
      object({
        contentType: value,
        storageClass: value,
        headers: {
          'Cache-Control': value,
          'Content-Disposition': value,
          'Content-Encoding': value,
          Expires: value,
        },
        metadata: { a: value },
      }),
    )
    expect(() => new Response(null, { headers })).not.toThrow()
    expect(headers['x-amz-meta-a']).toBe(encodeMetadataValue(value))
  })

  it('leaves out metadata whose name is no HTTP header name, and says how many (x-amz-missing-meta)', () => {
    const headers = objectHeaders(
      object({ metadata: { ok: '1', 'sp ace': '2', é: '3', 'a:b': '4', '': '5', 'a\nb': '6' } }),
    )
    expect(() => new Headers(headers)).not.toThrow()
    expect(headers['x-amz-meta-ok']).toBe('1')
    expect(headers['x-amz-meta-']).toBe('5')
    expect(headers['x-amz-missing-meta']).toBe('4')
  })

  it('sends no x-amz-missing-meta when every entry is sent', () => {
    expect(objectHeaders(object({ metadata: { a: 'é' } }))).not.toHaveProperty('x-amz-missing-meta')
  })
})

describe('checkMetadataSize: 2 KB of names (without x-amz-meta-) and values', () => {
  it('accepts exactly 2048 bytes', () => {
    expect(checkMetadataSize({ a: 'x'.repeat(2000), b: 'y'.repeat(46) })).toBeUndefined()
  })

  it('refuses 2049 bytes with MetadataTooLarge, counting UTF-8 bytes', () => {
    expect(checkMetadataSize({ a: 'x'.repeat(2000), b: 'y'.repeat(47) })).toEqual({
      status: 400,
      code: 'MetadataTooLarge',
      message: 'Your metadata headers exceed the maximum allowed metadata size.',
      details: [
        ['Size', '2049'],
        ['MaxSizeAllowed', '2048'],
      ],
    })
    expect(checkMetadataSize({ é: 'é'.repeat(1023) })).toBeUndefined()
    expect(checkMetadataSize({ é: 'é'.repeat(1024) })?.details).toEqual([
      ['Size', '2050'],
      ['MaxSizeAllowed', '2048'],
    ])
  })
})

describe('responseOverrides', () => {
  it('maps the response-* parameters to headers, first value wins', () => {
    expect(
      responseOverrides([
        ['response-content-type', 'text/csv'],
        ['response-content-disposition', 'attachment; filename="café.csv"'],
        ['response-content-type', 'ignored'],
        ['other', 'x'],
      ]),
    ).toEqual({
      ok: true,
      headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="café.csv"' },
    })
  })

  it.each([
    ['response-content-disposition', 'attachment; filename="日本.txt"'],
    ['response-content-language', '文'],
    ['response-content-type', 'text/plain\r\nX-Injected: 1'],
    ['response-expires', '\u0000'],
  ])('refuses %s=%j as S3 does: InvalidArgument naming the parameter', (parameter, value) => {
    expect(responseOverrides([[parameter, value]])).toEqual({
      ok: false,
      error: {
        status: 400,
        code: 'InvalidArgument',
        message: 'Header value cannot be represented using ISO-8859-1.',
        details: [
          ['ArgumentName', parameter],
          ['ArgumentValue', value],
        ],
      },
    })
  })
})
