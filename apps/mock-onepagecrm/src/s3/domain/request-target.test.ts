import { describe, expect, it } from 'vitest'
import { encodePathSegments, encodeRfc3986, parseRequestTarget } from './request-target.js'

const parse = (raw: string) => {
  const result = parseRequestTarget(raw)
  if (!result.ok) throw new Error(`refused: ${raw}`)
  return result.target
}

describe('parseRequestTarget: the path is split on its raw slashes, each segment decoded once', () => {
  it.each([
    ['/b/k', 'b', 'k'],
    ['/b', 'b', ''],
    ['/b/', 'b', ''],
    ['/', '', ''],
    ['/b/a/../c', 'b', 'a/../c'],
    ['/b/a/%2E%2E/c', 'b', 'a/../c'],
    ['/b/a/%2e%2e/c', 'b', 'a/../c'],
    ['/b/./x', 'b', './x'],
    ['/b/..', 'b', '..'],
    ['/b/a//c/', 'b', 'a//c/'],
    ['/b//lead', 'b', '/lead'],
    ['/b/a%2Fb', 'b', 'a/b'],
    ['/b/%2525', 'b', '%25'],
    ['/b/sp%20ace+plus', 'b', 'sp ace+plus'],
    ['/b/new%0Aline%00', 'b', 'new\nline\u0000'],
    ['/b/%C3%A9/%F0%9F%98%80', 'b', 'é/😀'],
    ['/b/%EF%BB%BFbom', 'b', '\uFEFFbom'],
    ['/%6Fne/sec/a', 'one', 'sec/a'],
    ['/b/a#frag', 'b', 'a#frag'],
    ['http://host:1/b/k?x=1', 'b', 'k'],
    ['HTTPS://host', '', ''],
  ])('%s is bucket %j, key %j', (raw, bucket, key) => {
    const { path } = parse(raw)
    expect({ bucket: path.bucket, key: path.key }).toEqual({ bucket, key })
  })

  it('keeps a `/` sent as %2F inside its segment, for the signature', () => {
    expect(parse('/b/a%2Fb/c').path.segments).toEqual(['b', 'a/b', 'c'])
  })

  it.each([
    ['/b/%ZZ'],
    ['/b/%'],
    ['/b/a%2'],
    ['/b/%G0'],
    ['/b/%C3%28'],
    ['/b/%FF'],
    ['/b/%ED%A0%80'],
    ['/%ZZ/k'],
    ['b/k'],
    ['*'],
    [''],
  ])('%j is 400 InvalidURI', (raw) => {
    expect(parseRequestTarget(raw)).toEqual({
      ok: false,
      error: { status: 400, code: 'InvalidURI', message: "Couldn't parse the specified URI.", details: [] },
    })
  })

  it('reads the query in order, decoded once, `+` as a space', () => {
    expect(parse('/b/k?X-Amz-Date=1&a=%2B+b&a=2&empty&odd=%ZZ').query).toEqual([
      ['X-Amz-Date', '1'],
      ['a', '+ b'],
      ['a', '2'],
      ['empty', ''],
      ['odd', '%ZZ'],
    ])
  })

  it('reads a target that carries raw non-ASCII (a test Request) as its UTF-8 bytes', () => {
    expect(parse('/b/é?x=é')).toMatchObject({ path: { key: 'é' }, query: [['x', 'é']] })
  })
})

describe('encodePathSegments: the wire path and the SigV4 canonical URI', () => {
  it('encodes each segment once as RFC 3986 wants, as the AWS SDKs do', () => {
    expect(encodePathSegments(['b', 'sp ace+plus', "!'()*", 'é', '..', '', 'a/b'])).toBe(
      '/b/sp%20ace%2Bplus/%21%27%28%29%2A/%C3%A9/..//a%2Fb',
    )
  })

  it('gives distinct segment lists distinct paths, so a signature names one bucket and one key', () => {
    const lists = [
      ['one', 'sec', 'a'],
      ['one', 'sec/a'],
      ['one/sec', 'a'],
      ['on', 'e/sec/a'],
      ['one', 'sec', 'a', ''],
      ['one', '', 'sec', 'a'],
    ]
    const paths = lists.map(encodePathSegments)
    expect(new Set(paths).size).toBe(lists.length)
    for (const [i, path] of paths.entries()) expect(parse(path).path.segments).toEqual(lists[i])
  })

  it('never throws, even for text that is not well-formed UTF-16', () => {
    expect(encodeRfc3986('\uD800x')).toBe('%EF%BF%BDx')
  })
})

describe('parseRequestTarget with a Host naming a bucket (virtual-hosted style)', () => {
  const host = 'onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com'
  it.each([
    ['/k', 'k'],
    ['/', ''],
    ['/a/b/c.pdf', 'a/b/c.pdf'],
    ['/a/%2E%2E/c', 'a/../c'],
    ['//lead', '/lead'],
    ['/a%2Fb', 'a/b'],
  ])("%s is the key %j of the Host's bucket, the path kept as sent for the signature", (raw, key) => {
    const result = parseRequestTarget(raw, host)
    if (!result.ok) throw new Error('refused')
    expect(result.target.path).toEqual({
      bucket: 'onepagecrm-up-eu-central-1',
      key,
      segments: raw.slice(1).split('/').map(decodeURIComponent),
      addressing: 'virtual-hosted',
    })
  })

  it.each(['s3.eu-central-1.amazonaws.com', '127.0.0.1:4582', undefined])(
    'Host %j leaves the request path-style',
    (pathHost) => {
      const result = parseRequestTarget('/b/k', pathHost)
      expect(result.ok && result.target.path).toMatchObject({ bucket: 'b', key: 'k', addressing: 'path' })
    },
  )
})
