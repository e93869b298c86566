/**
 * The path and the query of a request's URL, read from its text instead of parsing a `URL` on every
 * request. A request's URL is already in the form the WHATWG URL parser writes (`Request.url`), or, from
 * @hono/node-server, the request target appended to `scheme://host` when it holds only characters that
 * parser leaves alone in a path (no `%`, no `\`, no dot segment; it parses any other). In both, the path runs
 * from the first `/` after `scheme://host` to the first `?` or `#`, and the query from that `?` to the first
 * `#`.
 */

const SCHEME_END = '://'

/** Where the path starts: the first `/`, `?` or `#` after `scheme://host`, or the end. */
function pathStart(url: string): number {
  const scheme = url.indexOf(SCHEME_END)
  for (let index = scheme < 0 ? 0 : scheme + SCHEME_END.length; index < url.length; index++) {
    const code = url.charCodeAt(index)
    if (code === 0x2f || code === 0x3f || code === 0x23) return index
  }
  return url.length
}

/** Where the path ends: the first `?` or `#` from `start`, or the end. */
function pathEnd(url: string, start: number): number {
  for (let index = start; index < url.length; index++) {
    const code = url.charCodeAt(index)
    if (code === 0x3f || code === 0x23) return index
  }
  return url.length
}

/** `new URL(url).pathname` of a request's URL. */
export function urlPath(url: string): string {
  const start = pathStart(url)
  const end = pathEnd(url, start)
  // A URL of a scheme like http always has a path, `/` at least.
  return end === start ? '/' : url.slice(start, end)
}

/**
 * The query of a request's URL with its `?`, as `new URL(url).search` has it (empty when there is none, or
 * when it is empty) but as written: where that parser would percent-encode a character, this keeps it, and
 * `new URLSearchParams()` reads the same pairs from both.
 */
export function urlSearch(url: string): string {
  const end = pathEnd(url, pathStart(url))
  if (url.charCodeAt(end) !== 0x3f) return ''
  const hash = url.indexOf('#', end + 1)
  const search = url.slice(end, hash < 0 ? url.length : hash)
  return search.length === 1 ? '' : search
}
