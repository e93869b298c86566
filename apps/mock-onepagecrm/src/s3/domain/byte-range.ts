import type { ObjectRange } from './object-store.js'

/**
 * Reads a `Range: bytes=…` header for an object of `size` bytes (RFC 9110 §14.1.2). `undefined` means the
 * whole object: no header, a header S3 ignores (several ranges, other units, bad syntax). `'unsatisfiable'`
 * is the 416 case.
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ObjectRange | 'unsatisfiable' | undefined {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? '')
  if (!match) return undefined
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return undefined
  if (first === '') {
    const suffix = Number(last)
    // "A suffix-range is satisfiable if the suffix-length is not zero [and] the selected representation
    // has a non-zero length" (RFC 9110 §14.1.1): an empty object has no byte to send.
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (start >= size) return 'unsatisfiable'
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  return end < start ? undefined : { start, end }
}
