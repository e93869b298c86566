import fc from 'fast-check'
import { clonePart, type MultipartBody, type Part, type QuoteStyle, type Rendered } from './multipart.js'

/** Names and filenames that trip path handling, decoding, quoting and length limits. */
export const SPECIAL_NAMES: readonly string[] = [
  '',
  '.',
  '..',
  '...',
  '\0',
  'a\0b.txt',
  '%',
  '%00',
  '%2e%2e',
  '%2F',
  '%zz',
  '../x.txt',
  '../../etc/passwd',
  'a/b.txt',
  'a\\b.txt',
  'C:\\temp\\x.txt',
  '/',
  ' ',
  ' lead ',
  'a b.c',
  '~',
  'ü é.txt',
  '文件.txt',
  '📄.pdf',
  '\u202etxt.exe',
  '\ud800.txt',
  'x'.repeat(255),
  'x'.repeat(256),
  `${'y'.repeat(5000)}.txt`,
  'a\r\nb.txt',
  'a\nb.txt',
  'a\rb.txt',
  'a"b.txt',
  "a'b.txt",
  'a;b.txt',
  'a=b.txt',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'files[0]',
  'files[]',
  'file',
  'FILE',
  'nul.txt',
  '.htaccess',
  'a.',
  '\t',
  '\ufeff',
  '${filename}',
]

export const CHARSETS: readonly string[] = [
  'utf-16',
  'utf-16le',
  'utf-16be',
  'shift_jis',
  'x-unknown',
  'iso-8859-1',
  'latin1',
  'utf-8',
  'UTF8',
  'us-ascii',
  'windows-1252',
  'gb18030',
  'big5',
  'iso-2022-jp',
  'utf-7',
  'ucs-2',
  'binary',
  'base64',
  'hex',
  '',
  '"utf-8"',
  'x'.repeat(300),
]

export type Pick = { readonly of: 'any' | 'file' | 'field'; readonly n: number }

export type HeaderVariant =
  | 'no-disposition'
  | 'not-form-data'
  | 'dup-disposition'
  | 'no-colon'
  | 'folded'
  | 'long-header'
  | 'many-headers'
  | 'nested-multipart'
  | 'cte-base64'
  | 'uppercase'
  | 'nul-in-header'
  | 'space-before-colon'
  | 'empty-name-param'
  | 'dup-name-param'
  | 'semicolon-in-quotes'
  | 'no-content-type'

export type FieldValueVariant =
  | 'empty'
  | 'long'
  | 'huge'
  | 'boundary-like'
  | 'crlf'
  | 'nul'
  | 'spaces'
  | 'invalid-utf8'
  | 'big-number'
  | 'negative'
  | 'float'
  | 'hex'
  | 'exponent'
  | 'padded'
  | 'plus'

export type BoundaryVariant =
  | 'mismatch'
  | 'quoted'
  | 'quoted-special'
  | 'longest'
  | 'too-long'
  | 'empty'
  | 'missing'
  | 'case'
  | 'prefix'
  | 'dup-param'
  | 'in-body'

export type ContentTypeVariant =
  | 'none'
  | 'text/plain'
  | 'urlencoded'
  | 'multipart/mixed'
  | 'uppercase'
  | 'charset-utf16'
  | 'charset-unknown'
  | 'garbage'
  | 'json'

export type FrameVariant =
  | 'preamble'
  | 'epilogue'
  | 'no-closing'
  | 'closing-no-crlf'
  | 'lf-only'
  | 'too-many-parts'
  | 'no-parts'
  | 'empty-body'

/** A change to the body's structure, as data (printed in reproducers, dropped one by one to minimise). */
export type PartMutation =
  | {
      readonly k: 'charset'
      readonly pick: Pick
      readonly charset: string
      readonly via: 'content-type' | '_charset_'
    }
  | { readonly k: 'name'; readonly pick: Pick; readonly value: string | null }
  | { readonly k: 'filename'; readonly pick: Pick; readonly value: string | null }
  | {
      readonly k: 'filename*'
      readonly pick: Pick
      readonly charset: string
      readonly value: string
      readonly keepPlain: boolean
    }
  | { readonly k: 'name*'; readonly pick: Pick; readonly charset: string; readonly value: string }
  | { readonly k: 'quote'; readonly pick: Pick; readonly style: QuoteStyle }
  | { readonly k: 'header'; readonly pick: Pick; readonly variant: HeaderVariant }
  | { readonly k: 'value'; readonly pick: Pick; readonly variant: FieldValueVariant }
  | {
      readonly k: 'order'
      readonly variant: 'reverse' | 'file-first' | 'file-last' | 'rotate' | 'swap'
      readonly n: number
    }
  | { readonly k: 'duplicate'; readonly pick: Pick; readonly to: number }
  | { readonly k: 'drop'; readonly pick: Pick }
  | { readonly k: 'boundary'; readonly variant: BoundaryVariant }
  | { readonly k: 'content-type'; readonly variant: ContentTypeVariant }
  | { readonly k: 'frame'; readonly variant: FrameVariant; readonly n: number }

/** A change to the rendered bytes; positions are shares of the body (per 10,000). */
export type ByteMutation =
  | { readonly k: 'truncate'; readonly at: number; readonly declare: 'actual' | 'original' }
  | { readonly k: 'flip'; readonly at: number; readonly byte: number }
  | { readonly k: 'insert'; readonly at: number; readonly text: string }
  | { readonly k: 'delete'; readonly at: number; readonly length: number }

const pickArb = (file: number): fc.Arbitrary<Pick> =>
  fc.record({
    of: fc.oneof(
      { weight: file, arbitrary: fc.constant('file' as const) },
      { weight: 3, arbitrary: fc.constant('field' as const) },
      { weight: 2, arbitrary: fc.constant('any' as const) },
    ),
    n: fc.nat(50),
  })

const special = fc.constantFrom(...SPECIAL_NAMES)
const charset = fc.constantFrom(...CHARSETS)

export const partMutationArbitrary: fc.Arbitrary<PartMutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('charset' as const),
      pick: pickArb(2),
      charset,
      via: fc.constantFrom('content-type' as const, '_charset_' as const),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('name' as const),
      pick: pickArb(2),
      value: fc.oneof(special, fc.constant(null)),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('filename' as const),
      pick: pickArb(8),
      value: fc.oneof({ weight: 5, arbitrary: special }, { weight: 1, arbitrary: fc.constant(null) }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('filename*' as const),
      pick: pickArb(8),
      charset: fc.constantFrom('UTF-8', 'utf-8', 'utf-16', 'iso-8859-1', 'x-unknown', 'shift_jis', ''),
      value: fc.oneof(special, fc.constantFrom('%ZZ', '%', '%E2%82', '%C0%AE%C0%AE', '%00x')),
      keepPlain: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('name*' as const),
      pick: pickArb(1),
      charset: fc.constantFrom('UTF-8', 'utf-16', 'x-unknown'),
      value: special,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('quote' as const),
      pick: pickArb(2),
      style: fc.constantFrom<QuoteStyle>('raw', 'backslash', 'none', 'single', 'unterminated'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('header' as const),
      pick: pickArb(2),
      variant: fc.constantFrom<HeaderVariant>(
        'no-disposition',
        'not-form-data',
        'dup-disposition',
        'no-colon',
        'folded',
        'long-header',
        'many-headers',
        'nested-multipart',
        'cte-base64',
        'uppercase',
        'nul-in-header',
        'space-before-colon',
        'empty-name-param',
        'dup-name-param',
        'semicolon-in-quotes',
        'no-content-type',
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('value' as const),
      pick: fc.record({ of: fc.constant('field' as const), n: fc.nat(50) }),
      variant: fc.constantFrom<FieldValueVariant>(
        'empty',
        'long',
        'huge',
        'boundary-like',
        'crlf',
        'nul',
        'spaces',
        'invalid-utf8',
        'big-number',
        'negative',
        'float',
        'hex',
        'exponent',
        'padded',
        'plus',
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('order' as const),
      variant: fc.constantFrom(
        'reverse' as const,
        'file-first' as const,
        'file-last' as const,
        'rotate' as const,
        'swap' as const,
      ),
      n: fc.nat(50),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('duplicate' as const), pick: pickArb(2), to: fc.nat(50) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('drop' as const), pick: pickArb(1) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('boundary' as const),
      variant: fc.constantFrom<BoundaryVariant>(
        'mismatch',
        'quoted',
        'quoted-special',
        'longest',
        'too-long',
        'empty',
        'missing',
        'case',
        'prefix',
        'dup-param',
        'in-body',
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('content-type' as const),
      variant: fc.constantFrom<ContentTypeVariant>(
        'none',
        'text/plain',
        'urlencoded',
        'multipart/mixed',
        'uppercase',
        'charset-utf16',
        'charset-unknown',
        'garbage',
        'json',
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('frame' as const),
      variant: fc.constantFrom<FrameVariant>(
        'preamble',
        'epilogue',
        'no-closing',
        'closing-no-crlf',
        'lf-only',
        'too-many-parts',
        'no-parts',
        'empty-body',
      ),
      n: fc.nat(1000),
    }),
  },
)

const INSERTS = ['\r\n', '\r\n\r\n', '--', '\0', '"', ';', '\\', '\r\n--', '\n', '\xff\xfe', '%', ':']

export const byteMutationArbitrary: fc.Arbitrary<ByteMutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('truncate' as const),
      at: fc.nat(9999),
      declare: fc.constantFrom('actual' as const, 'original' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('flip' as const), at: fc.nat(9999), byte: fc.nat(255) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('insert' as const),
      at: fc.nat(9999),
      text: fc.constantFrom(...INSERTS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('delete' as const),
      at: fc.nat(9999),
      length: fc.integer({ min: 1, max: 64 }),
    }),
  },
)

/** The parts a pick can mean; undefined when there is none of that kind. */
function pickIndex(body: MultipartBody, pick: Pick): number | undefined {
  const candidates = body.parts
    .map((part, index) => ({ part, index }))
    .filter(({ part }) => pick.of === 'any' || (pick.of === 'file') === part.isFile)
  if (candidates.length === 0) return undefined
  return candidates[pick.n % candidates.length]?.index
}

function encodeIn(text: string, charset: string): Buffer {
  const lower = charset.toLowerCase()
  if (lower === 'utf-16' || lower === 'utf-16le' || lower === 'ucs-2') return Buffer.from(text, 'utf16le')
  if (lower === 'utf-16be') return Buffer.from(text, 'utf16le').swap16()
  if (lower === 'iso-8859-1' || lower === 'latin1' || lower === 'binary') return Buffer.from(text, 'latin1')
  return Buffer.from(text, 'utf8')
}

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD rather than throwing). */
const pct = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('')

const pctBytes = (bytes: Buffer) =>
  [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('')

function fieldValue(variant: FieldValueVariant, boundary: string, original: Buffer): Buffer {
  switch (variant) {
    case 'empty':
      return Buffer.alloc(0)
    case 'long':
      return Buffer.alloc(21_000, 'v')
    case 'huge':
      return Buffer.alloc(1024 * 1024 + 10, 'h')
    case 'boundary-like':
      return Buffer.from(`${original.toString('latin1')}\r\n--${boundary.slice(0, -1)}`, 'latin1')
    case 'crlf':
      return Buffer.concat([original, Buffer.from('\r\n\r\nx')])
    case 'nul':
      return Buffer.concat([original, Buffer.from([0])])
    case 'spaces':
      return Buffer.from(`  ${original.toString('latin1')}  `, 'latin1')
    case 'invalid-utf8':
      return Buffer.concat([original, Buffer.from([0xff, 0xfe, 0xc0, 0xae])])
    case 'big-number':
      return Buffer.from('99999999999999999999999999')
    case 'negative':
      return Buffer.from('-1')
    case 'float':
      return Buffer.from('1.5')
    case 'hex':
      return Buffer.from('0x10')
    case 'exponent':
      return Buffer.from('1e3')
    case 'padded':
      return Buffer.from(` ${original.toString('latin1')} `, 'latin1')
    case 'plus':
      return Buffer.from(`+${original.toString('latin1')}`, 'latin1')
  }
}

/**
 * Applies one structural mutation. It never throws: a mutation that has nothing to act on (no file part to
 * pick) does nothing.
 */
export function applyPartMutation(body: MultipartBody, mutation: PartMutation): void {
  const at = 'pick' in mutation ? pickIndex(body, mutation.pick) : undefined
  const part = at === undefined ? undefined : body.parts[at]
  switch (mutation.k) {
    case 'charset': {
      if (part === undefined) return
      if (mutation.via === 'content-type') {
        part.contentType = `${part.isFile ? (part.contentType ?? 'text/plain') : 'text/plain'}; charset=${mutation.charset}`
        if (!part.isFile) part.body = encodeIn(part.body.toString('utf8'), mutation.charset)
      } else {
        // HTML's `_charset_` field, which names the charset of the fields without one.
        body.parts.unshift({
          role: '_charset_',
          name: '_charset_',
          filename: undefined,
          quote: 'browser',
          contentType: undefined,
          extraHeaders: [],
          body: Buffer.from(mutation.charset, 'latin1'),
          isFile: false,
        })
      }
      return
    }
    case 'name':
      if (part !== undefined) part.name = mutation.value ?? undefined
      return
    case 'filename':
      if (part !== undefined) part.filename = mutation.value ?? undefined
      return
    case 'filename*': {
      if (part === undefined) return
      const encoded = mutation.value.startsWith('%')
        ? mutation.value
        : pctBytes(encodeIn(mutation.value, mutation.charset))
      part.filenameStar = `${mutation.charset}''${encoded}`
      if (!mutation.keepPlain) part.filename = undefined
      return
    }
    case 'name*': {
      if (part === undefined) return
      part.nameStar = `${mutation.charset}''${pct(mutation.value)}`
      part.name = undefined
      return
    }
    case 'quote':
      if (part !== undefined) part.quote = mutation.style
      return
    case 'header':
      if (part !== undefined) applyHeaderVariant(part, mutation.variant)
      return
    case 'value':
      if (part !== undefined && !part.isFile)
        part.body = fieldValue(mutation.variant, body.boundary, part.body)
      return
    case 'order':
      reorder(body, mutation.variant, mutation.n)
      return
    case 'duplicate': {
      if (part === undefined) return
      const copy = clonePart(part)
      body.parts.splice(mutation.to % (body.parts.length + 1), 0, copy)
      return
    }
    case 'drop':
      if (at !== undefined) body.parts.splice(at, 1)
      return
    case 'boundary':
      applyBoundary(body, mutation.variant)
      return
    case 'content-type':
      applyContentType(body, mutation.variant)
      return
    case 'frame':
      applyFrame(body, mutation.variant, mutation.n)
      return
  }
}

function applyHeaderVariant(part: Part, variant: HeaderVariant): void {
  const nameText = part.name ?? 'x'
  switch (variant) {
    case 'no-disposition':
      part.disposition = null
      return
    case 'not-form-data':
      part.disposition = `Content-Disposition: attachment; name="${nameText}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`
      return
    case 'dup-disposition':
      part.extraHeaders.push('Content-Disposition: form-data; name="dup"')
      return
    case 'no-colon':
      part.extraHeaders.push('This line has no colon')
      return
    case 'folded':
      part.disposition = `Content-Disposition: form-data;\r\n name="${nameText}"${part.filename === undefined ? '' : `;\r\n\tfilename="${part.filename}"`}`
      return
    case 'long-header':
      part.extraHeaders.push(`X-Long: ${'l'.repeat(20_000)}`)
      return
    case 'many-headers':
      for (let i = 0; i < 2000; i++) part.extraHeaders.push(`X-H${i}: v`)
      return
    case 'nested-multipart':
      part.contentType = 'multipart/mixed; boundary=nested'
      return
    case 'cte-base64':
      part.extraHeaders.push('Content-Transfer-Encoding: base64')
      return
    case 'uppercase':
      part.disposition = `CONTENT-DISPOSITION: FORM-DATA; NAME="${nameText}"${part.filename === undefined ? '' : `; FILENAME="${part.filename}"`}`
      return
    case 'nul-in-header':
      part.extraHeaders.push('X-Nul: a\0b')
      return
    case 'space-before-colon':
      part.disposition = `Content-Disposition : form-data; name="${nameText}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`
      return
    case 'empty-name-param':
      part.disposition = `Content-Disposition: form-data; name=${part.filename === undefined ? '' : `; filename="${part.filename}"`}`
      return
    case 'dup-name-param':
      part.extraParams = [...(part.extraParams ?? []), 'name="second"']
      return
    case 'semicolon-in-quotes':
      part.disposition = `Content-Disposition: form-data; name="${nameText}; filename=\\"evil.txt\\""${part.filename === undefined ? '' : `; filename="${part.filename}"`}`
      return
    case 'no-content-type':
      part.contentType = undefined
      return
  }
}

function reorder(
  body: MultipartBody,
  variant: 'reverse' | 'file-first' | 'file-last' | 'rotate' | 'swap',
  n: number,
): void {
  const parts = body.parts
  if (parts.length < 2) return
  switch (variant) {
    case 'reverse':
      parts.reverse()
      return
    case 'file-first':
      body.parts = [...parts.filter((p) => p.isFile), ...parts.filter((p) => !p.isFile)]
      return
    case 'file-last':
      body.parts = [...parts.filter((p) => !p.isFile), ...parts.filter((p) => p.isFile)]
      return
    case 'rotate': {
      const k = n % parts.length
      body.parts = [...parts.slice(k), ...parts.slice(0, k)]
      return
    }
    case 'swap': {
      const a = n % parts.length
      const b = (a + 1 + ((n >> 3) % (parts.length - 1))) % parts.length
      const pa = parts[a] as Part
      parts[a] = parts[b] as Part
      parts[b] = pa
      return
    }
  }
}

function applyBoundary(body: MultipartBody, variant: BoundaryVariant): void {
  const b = body.boundary
  switch (variant) {
    case 'mismatch':
      body.contentType = `multipart/form-data; boundary=${b}X`
      return
    case 'quoted':
      body.contentType = `multipart/form-data; boundary="${b}"`
      return
    case 'quoted-special':
      body.boundary = `${b} a'(+_,-./:=?`
      body.contentType = `multipart/form-data; boundary="${body.boundary}"`
      return
    case 'longest':
      body.boundary = `${b}${'L'.repeat(Math.max(0, 70 - b.length))}`.slice(0, 70)
      body.contentType = `multipart/form-data; boundary=${body.boundary}`
      return
    case 'too-long':
      body.boundary = `${b}${'T'.repeat(400)}`
      body.contentType = `multipart/form-data; boundary=${body.boundary}`
      return
    case 'empty':
      body.contentType = 'multipart/form-data; boundary='
      return
    case 'missing':
      body.contentType = 'multipart/form-data'
      return
    case 'case':
      body.contentType = `multipart/form-data; boundary=${b.toUpperCase()}`
      body.boundary = b.toLowerCase()
      return
    case 'prefix':
      body.contentType = `multipart/form-data; boundary=${b.slice(0, Math.max(1, b.length - 4))}`
      return
    case 'dup-param':
      body.contentType = `multipart/form-data; boundary=${b}; boundary=other`
      return
    case 'in-body':
      // A boundary that also occurs in a part's value (without the leading CRLF).
      for (const part of body.parts) if (!part.isFile) part.body = Buffer.from(`x--${b}y`)
      return
  }
}

function applyContentType(body: MultipartBody, variant: ContentTypeVariant): void {
  const b = body.boundary
  switch (variant) {
    case 'none':
      body.contentType = undefined
      return
    case 'text/plain':
      body.contentType = 'text/plain'
      return
    case 'urlencoded':
      body.contentType = 'application/x-www-form-urlencoded'
      return
    case 'multipart/mixed':
      body.contentType = `multipart/mixed; boundary=${b}`
      return
    case 'uppercase':
      body.contentType = `MULTIPART/FORM-DATA; BOUNDARY=${b}`
      return
    case 'charset-utf16':
      body.contentType = `multipart/form-data; charset=utf-16; boundary=${b}`
      return
    case 'charset-unknown':
      body.contentType = `multipart/form-data; charset=x-unknown; boundary=${b}`
      return
    case 'garbage':
      body.contentType = ';;;=; boundary'
      return
    case 'json':
      body.contentType = 'application/json'
      return
  }
}

function applyFrame(body: MultipartBody, variant: FrameVariant, n: number): void {
  switch (variant) {
    case 'preamble':
      body.preamble = Buffer.from(`This is a preamble ${'p'.repeat(n)}\r\n`)
      return
    case 'epilogue':
      body.epilogue = Buffer.from(`epilogue ${'e'.repeat(n)}\r\n--not-a-boundary--\r\n`)
      return
    case 'no-closing':
      body.closing = 'none'
      return
    case 'closing-no-crlf':
      body.closing = 'no-crlf'
      return
    case 'lf-only':
      body.eol = '\n'
      return
    case 'too-many-parts':
      for (let i = 0; i < 1001 + n; i++) {
        body.parts.push({
          role: 'extra',
          name: `extra${i}`,
          filename: undefined,
          quote: 'browser',
          contentType: undefined,
          extraHeaders: [],
          body: Buffer.from('1'),
          isFile: false,
        })
      }
      return
    case 'no-parts':
      body.parts = []
      return
    case 'empty-body':
      body.parts = []
      body.closing = 'none'
      return
  }
}

/** What the byte mutations did to the rendered body. */
export interface MutatedBytes {
  readonly bytes: Buffer
  /** Content-Length to declare when it must differ from the bytes (a truncation that keeps the old one). */
  readonly declared: number | undefined
  /** Per part: whether a byte mutation touched its body. */
  readonly touched: readonly boolean[]
}

export function applyByteMutations(rendered: Rendered, mutations: readonly ByteMutation[]): MutatedBytes {
  let bytes = rendered.bytes
  const ranges = rendered.ranges.map(([start, end]) => [start, end] as [number, number])
  const touched = ranges.map(() => false)
  let declared: number | undefined
  const originalLength = bytes.length
  const position = (at: number) => Math.floor((at / 10_000) * bytes.length)
  // Each mutation moves the ranges after it, so later mutations still know which part they hit. A change
  // touches a part from the line break before its bytes to the start of the next part's bytes: a broken
  // delimiter after a part makes the parts after it part of its bytes.
  const shift = (from: number, by: number, cut: number) => {
    ranges.forEach((range, index) => {
      const next = ranges[index + 1]?.[0] ?? Number.POSITIVE_INFINITY
      if (from < next && from + Math.max(cut, 1) > range[0] - 2) touched[index] = true
    })
    for (const range of ranges) {
      if (range[0] >= from + cut) range[0] += by
      if (range[1] >= from + cut) range[1] += by
    }
  }
  for (const mutation of mutations) {
    const at = position(mutation.at)
    switch (mutation.k) {
      case 'truncate':
        ranges.forEach((range, index) => {
          if (at < range[1] + 2) touched[index] = true
        })
        bytes = bytes.subarray(0, at)
        if (mutation.declare === 'original') declared = originalLength
        break
      case 'flip': {
        if (at >= bytes.length) break
        bytes = Buffer.from(bytes)
        bytes[at] = mutation.byte
        shift(at, 0, 1)
        break
      }
      case 'insert': {
        const text = Buffer.from(mutation.text, 'latin1')
        bytes = Buffer.concat([bytes.subarray(0, at), text, bytes.subarray(at)])
        shift(at, text.length, 0)
        break
      }
      case 'delete': {
        const length = Math.min(mutation.length, bytes.length - at)
        if (length <= 0) break
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + length)])
        shift(at, -length, length)
        break
      }
    }
  }
  return {
    bytes,
    declared: declared !== undefined && declared > bytes.length ? declared : undefined,
    touched,
  }
}
