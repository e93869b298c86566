import { describe, expect, it } from 'vitest'
import { parseHeaderParams } from './header-params.js'

describe('parseHeaderParams', () => {
  it('reads quoted and plain values, lower-cases names and keeps the first of a repeated one', () => {
    expect(
      parseHeaderParams('form-data; NAME="a \\"b\\" c"; filename=x.txt; name=second; filename*=utf-8\'\'%E2'),
    ).toEqual(
      new Map([
        ['name', 'a "b" c'],
        ['filename', 'x.txt'],
        ['filename*', "utf-8''%E2"],
      ]),
    )
    expect(parseHeaderParams('multipart/form-data')).toEqual(new Map())
  })

  it('says a malformed list is malformed, as busboy does', () => {
    for (const value of [
      'a/b; boundary=x, text/plain',
      'a/b; boundary="open',
      'a/b; boundary=',
      'a/b;',
      'a/b; =x',
      'a/b; boundary x',
    ])
      expect(parseHeaderParams(value), value).toBeUndefined()
  })
})
