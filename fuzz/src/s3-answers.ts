import { isNodeBadRequest, show, violation } from './checks.js'
import { header, type RawOutcome, type RawResponse } from './raw-http.js'
import type { Violation } from './runner.js'
import { unescapeXml } from './s3-client.js'
import type { PreparedSigned } from './signed-case.js'

// S3's answers to header-signed requests, as the checks read them: the error document, its Code, the
// listing document, and the invariants every signed endpoint shares (format, the expected outcome).

export const ERROR_XML =
  /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>([A-Za-z0-9]+)<\/Code><Message>[^<]*<\/Message>(?:<([A-Za-z][A-Za-z0-9-]*)>[^<]*<\/\2>)*<RequestId>[0-9A-F]{16}<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/s

/** The error Code of an S3 error document; undefined when there is none. */
export function errorCode(response: RawResponse): string | undefined {
  return ERROR_XML.exec(response.body.toString('utf8'))?.[1]
}

/** HTTP status of each code the checks expect, as S3 answers them. */
const STATUS: Readonly<Record<string, number>> = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  EntityTooLarge: 400,
  IncompleteBody: 400,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidDigest: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidStorageClass: 400,
  InvalidTag: 400,
  InvalidURI: 400,
  KeyTooLongError: 400,
  MalformedTrailerError: 400,
  MetadataTooLarge: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NotImplemented: 501,
  PreconditionFailed: 412,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
}

export const statusOf = (code: string) => STATUS[code]

/**
 * The answer in S3's format: the request id headers, CORS headers when asked, an error as S3's XML
 * (`application/xml`, the code's status) or, for HEAD, the status alone.
 */
export function signedFormat(response: RawResponse, prepared: PreparedSigned): Violation[] {
  const found: Violation[] = []
  if (prepared.framingBroken && isNodeBadRequest(response)) return found
  const fail = (key: string) => found.push(violation('format', key, show(response)))
  if (response.status >= 400 && response.body.length === 0 && prepared.method !== 'HEAD') {
    fail(`bare ${response.status} with no body (no <Error> document)`)
    return found
  }
  if (header(response, 'x-amz-request-id') === undefined || header(response, 'x-amz-id-2') === undefined)
    fail('no x-amz-request-id / x-amz-id-2 header')
  if (prepared.origin && header(response, 'access-control-allow-origin') !== '*')
    fail('no Access-Control-Allow-Origin on an answer to a request with Origin')
  if (response.status >= 300 && prepared.method !== 'HEAD' && response.status !== 304) {
    if (!/^application\/xml/.test(header(response, 'content-type') ?? ''))
      fail(`error ${response.status} is not application/xml`)
    else {
      const code = errorCode(response)
      if (code === undefined) fail(`error ${response.status} is not S3's <Error> document`)
      else if (statusOf(code) !== undefined && statusOf(code) !== response.status)
        fail(`${code} answered with HTTP ${response.status}, not ${statusOf(code)}`)
    }
  }
  if (prepared.method === 'HEAD' && response.body.length > 0) fail('an answer to HEAD with a body')
  return found
}

/**
 * The outcome against the request's expectation: a success where one is due, a refusal with one of the
 * codes the request calls for otherwise. `success` says what counts as one for the operation.
 */
export function outcomeViolations(
  prepared: PreparedSigned,
  outcome: RawOutcome,
  success: (response: RawResponse) => boolean,
): Violation[] {
  if (outcome.kind !== 'answer') {
    // A complete request (no transport trick) must be answered, and a valid one stored: the runner
    // reports the missing answer; a valid one is also a refused valid request.
    return []
  }
  const response = outcome.response
  if (prepared.framingBroken && isNodeBadRequest(response)) return []
  const expect = prepared.expect
  const ok = success(response)
  // HEAD's errors have no body: a known issue is told by its status there.
  const code = ok
    ? undefined
    : prepared.method === 'HEAD'
      ? [...expect.known.keys()].find((known) => statusOf(known) === response.status)
      : errorCode(response)
  const known = code === undefined ? undefined : expect.known.get(code)
  if (known !== undefined)
    return [
      violation('wrong-answer', `known issue ${known}: ${code}`, `${expect.describe()}: ${show(response)}`),
    ]
  if (ok && expect.outcome === 'refuse')
    return [
      violation(
        'wrong-answer',
        `a success for a request S3 refuses (${[...expect.allowed()].join('/')})`,
        `${expect.describe()}: ${show(response)}`,
      ),
    ]
  if (!ok && expect.outcome === 'accept')
    return [
      violation(
        'refused-valid',
        `a valid ${prepared.method} was refused`,
        `${expect.describe()}: ${show(response)}`,
      ),
    ]
  if (!ok && prepared.method !== 'HEAD') {
    const allowed = expect.allowed()
    if (code !== undefined && !allowed.has(code))
      return [
        violation(
          'wrong-answer',
          `${code} where the request calls for ${[...allowed].sort().join('/') || 'a success'}`,
          `${expect.describe()}: ${show(response)}`,
        ),
      ]
  }
  if (!ok && prepared.method === 'HEAD') {
    const statuses = new Set([...expect.allowed()].map((code) => statusOf(code)))
    if (!statuses.has(response.status))
      return [
        violation(
          'wrong-answer',
          `HEAD answered ${response.status} where the request calls for ${[...expect.allowed()].sort().join('/') || 'a success'}`,
          `${expect.describe()}: HTTP ${response.status}`,
        ),
      ]
  }
  return []
}

/** An XML element: its name, its text (unescaped) or its children. */
export interface XmlNode {
  readonly name: string
  readonly text: string
  readonly children: XmlNode[]
}

/**
 * Parses the plain XML S3 writes (a declaration, elements with no attribute but the root's namespace,
 * escaped text): enough to read a listing element by element. Undefined for anything else.
 */
export function parseXml(text: string): XmlNode | undefined {
  const match = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n?/.exec(text)
  if (match === null) return undefined
  let at = match[0].length
  const parse = (): XmlNode | undefined => {
    const open = /^<([A-Za-z][A-Za-z0-9]*)(?: xmlns="[^"]*")?>/.exec(text.slice(at, at + 200))
    if (open === null) return undefined
    const name = open[1] as string
    at += open[0].length
    const children: XmlNode[] = []
    let raw = ''
    for (;;) {
      if (text.startsWith(`</${name}>`, at)) {
        at += name.length + 3
        return { name, text: unescapeXml(raw), children }
      }
      if (text[at] === '<') {
        if (raw !== '') return undefined
        const child = parse()
        if (child === undefined) return undefined
        children.push(child)
        continue
      }
      const next = text.indexOf('<', at)
      if (next === -1 || children.length > 0) return undefined
      raw += text.slice(at, next)
      at = next
    }
  }
  const root = parse()
  return root !== undefined && at === text.length ? root : undefined
}
