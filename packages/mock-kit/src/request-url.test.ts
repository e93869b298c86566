import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { urlPath, urlSearch } from './request-url.js'

const ORIGIN = 'http://127.0.0.1:4580'

/** Request targets of characters that matter to a URL parser: delimiters, escapes, dots, spaces, non-ASCII. */
const target = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      '0',
      '/',
      '?',
      '#',
      '&',
      '=',
      '%',
      '%2F',
      '%41',
      '.',
      '..',
      ' ',
      '"',
      "'",
      '+',
      '[',
      ']',
      '\\',
      ';',
      '@',
      ':',
      'é',
      '€',
      '\t',
    ),
    {
      maxLength: 24,
    },
  )
  .map((pieces) => `/${pieces.join('')}`)

/** What a URL parser makes of it: the path, whether it has a query, and the query's pairs. */
function parsed(url: string) {
  const parsedUrl = new URL(url)
  return { path: parsedUrl.pathname, query: parsedUrl.search !== '', pairs: [...parsedUrl.searchParams] }
}

function read(url: string) {
  const search = urlSearch(url)
  return { path: urlPath(url), query: search !== '', pairs: [...new URLSearchParams(search)] }
}

describe('urlPath and urlSearch', () => {
  it('read what a URL parser reads from a Request URL: the path, whether there is a query, its pairs', () => {
    fc.assert(
      fc.property(target, (path) => {
        const url = new Request(`${ORIGIN}${path}`).url
        expect(read(url)).toEqual(parsed(url))
      }),
      { numRuns: 2000 },
    )
  })

  it('read what a URL parser reads from a request target it would leave alone, appended as sent', () => {
    // The characters @hono/node-server appends unparsed: none the parser changes in a path.
    const plain = /^\/[!#$&-;=?-[\]_a-z~]*$/
    const dotSegment = /\/\.\.?(?:[/?#]|$)/
    fc.assert(
      fc.property(target, (path) => {
        fc.pre(plain.test(path) && !dotSegment.test(path))
        const url = `${ORIGIN}${path}`
        expect(read(url)).toEqual(parsed(url))
      }),
      { numRuns: 2000 },
    )
  })

  it('reads a URL without a path as /', () => {
    expect([urlPath('http://localhost'), urlSearch('http://localhost')]).toEqual(['/', ''])
    expect([urlPath('http://localhost?a=1'), urlSearch('http://localhost?a=1#b')]).toEqual(['/', '?a=1'])
    expect([urlPath('http://localhost/x?#y'), urlSearch('http://localhost/x?#y')]).toEqual(['/x', ''])
  })
})
