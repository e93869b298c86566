/** How a `name` or `filename` parameter is written in Content-Disposition. */
export type QuoteStyle =
  /** `"value"` with `"`, CR and LF percent-encoded, as browsers write it. */
  | 'browser'
  /** `"value"` with nothing escaped (raw quotes and newlines reach the header). */
  | 'raw'
  /** `"va\"lue"`: backslash escapes (RFC 2616 quoted-string). */
  | 'backslash'
  /** `value` with no quotes. */
  | 'none'
  /** `'value'`. */
  | 'single'
  /** `"value` with no closing quote. */
  | 'unterminated'

/** One part of a multipart/form-data body, before rendering. */
export interface Part {
  /** What the part means to the endpoint (`key`, `file`, `files[0]`, `id`…), for targeted mutations. */
  role: string
  /** The `name` parameter; undefined leaves it out. */
  name: string | undefined
  /** The `filename` parameter; undefined leaves it out. */
  filename: string | undefined
  /** A `filename*=` parameter, written as is (`UTF-8''%E2%82%AC.txt`). */
  filenameStar?: string | undefined
  /** A `name*=` parameter, written as is. */
  nameStar?: string | undefined
  /** Extra `; a=b` parameters of the Content-Disposition, written as is. */
  extraParams?: string[] | undefined
  quote: QuoteStyle
  /** The part's Content-Type header; undefined leaves it out. */
  contentType: string | undefined
  /** Replaces the whole Content-Disposition line (`null`: no such line). */
  disposition?: string | null | undefined
  /** Further header lines, written as is after the others. */
  extraHeaders: string[]
  body: Buffer
  /** A file part: its bytes are what a read-back must give. */
  isFile: boolean
  /** Set once a mutation changed the file's bytes (a read-back is then not compared byte for byte). */
  bodyChanged?: boolean
}

export interface MultipartBody {
  /** The boundary written in the body. */
  boundary: string
  /** The request's Content-Type header; undefined sends none. */
  contentType: string | undefined
  parts: Part[]
  preamble: Buffer
  epilogue: Buffer
  /** The line ending of the body's own lines. */
  eol: '\r\n' | '\n'
  /** How the body ends: `--B--\r\n`, `--B--` alone, or not at all. */
  closing: 'normal' | 'no-crlf' | 'none'
}

export const multipartContentType = (boundary: string) => `multipart/form-data; boundary=${boundary}`

export function fieldPart(role: string, name: string, value: string | Buffer): Part {
  return {
    role,
    name,
    filename: undefined,
    quote: 'browser',
    contentType: undefined,
    extraHeaders: [],
    body: typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
    isFile: false,
  }
}

export function filePart(
  role: string,
  name: string,
  filename: string,
  body: Buffer,
  contentType: string,
): Part {
  return {
    role,
    name,
    filename,
    quote: 'browser',
    contentType,
    extraHeaders: [],
    body,
    isFile: true,
  }
}

export function clonePart(part: Part): Part {
  return {
    ...part,
    extraHeaders: [...part.extraHeaders],
    extraParams: part.extraParams === undefined ? undefined : [...part.extraParams],
  }
}

function quoted(value: string, style: QuoteStyle): string {
  switch (style) {
    case 'browser':
      return `"${value.replaceAll('"', '%22').replaceAll('\r', '%0D').replaceAll('\n', '%0A')}"`
    case 'raw':
      return `"${value}"`
    case 'backslash':
      return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
    case 'none':
      return value
    case 'single':
      return `'${value}'`
    case 'unterminated':
      return `"${value}`
  }
}

function partHead(part: Part, eol: string): string {
  const lines: string[] = []
  if (part.disposition !== null) {
    if (part.disposition !== undefined) lines.push(part.disposition)
    else {
      let line = 'Content-Disposition: form-data'
      if (part.name !== undefined) line += `; name=${quoted(part.name, part.quote)}`
      if (part.nameStar !== undefined) line += `; name*=${part.nameStar}`
      if (part.filename !== undefined) line += `; filename=${quoted(part.filename, part.quote)}`
      if (part.filenameStar !== undefined) line += `; filename*=${part.filenameStar}`
      for (const param of part.extraParams ?? []) line += `; ${param}`
      lines.push(line)
    }
  }
  if (part.contentType !== undefined) lines.push(`Content-Type: ${part.contentType}`)
  lines.push(...part.extraHeaders)
  return lines.map((line) => `${line}${eol}`).join('')
}

export interface Rendered {
  readonly bytes: Buffer
  /** For each part, where its body lies in `bytes` ([start, end)). */
  readonly ranges: ReadonlyArray<readonly [number, number]>
}

/** The body's bytes, remembering where each part's body is (so byte mutations can tell what they touched). */
export function renderMultipart(body: MultipartBody): Rendered {
  const chunks: Buffer[] = [body.preamble]
  let offset = body.preamble.length
  const ranges: Array<readonly [number, number]> = []
  const push = (chunk: Buffer) => {
    chunks.push(chunk)
    offset += chunk.length
  }
  body.parts.forEach((part, index) => {
    // The first delimiter needs no line break before it unless there is a preamble.
    const lead = index === 0 && body.preamble.length === 0 ? '' : body.eol
    push(Buffer.from(`${lead}--${body.boundary}${body.eol}${partHead(part, body.eol)}${body.eol}`, 'utf8'))
    ranges.push([offset, offset + part.body.length])
    push(part.body)
  })
  const lead = body.parts.length === 0 && body.preamble.length === 0 ? '' : body.eol
  if (body.closing === 'normal') push(Buffer.from(`${lead}--${body.boundary}--${body.eol}`, 'utf8'))
  else if (body.closing === 'no-crlf') push(Buffer.from(`${lead}--${body.boundary}--`, 'utf8'))
  push(body.epilogue)
  return { bytes: Buffer.concat(chunks), ranges }
}
