import { sizeWithBytes } from '../human.js'

/** Longest vendor detail a message carries; the full value stays on the error (`data`, `details`). */
const MAX_DETAIL = 300
/** Items of a list shown before `… (N more)`. */
const MAX_ITEMS = 8

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0)

/** A value inside a detail: scalars as they are, lists joined, objects as compact JSON. */
function inline(value: unknown): string {
  if (typeof value === 'string') return oneLine(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    const items = value.filter((item) => !isEmpty(item)).map(inline)
    const more = items.length > MAX_ITEMS ? `, … (${items.length - MAX_ITEMS} more)` : ''
    return `${items.slice(0, MAX_ITEMS).join(', ')}${more}`
  }
  if (typeof value === 'object' && value !== null) return cut(JSON.stringify(value), 80)
  return ''
}

/** Keys that name what the error is about (`fileName`, `fieldSystemName`, `field`, `productID`). */
const SUBJECT = /^(id|name|field)$|(Name|ID|Id|Field)$/
/** Keys holding a byte count (`size`, `maxSize`, `MaxSizeAllowed`, `MaxPostPreDataLengthBytes`). */
const SIZE = /(size|sizeallowed|bytes)$/i

/** A size and the limit it broke: `2 MiB (2097157 bytes), over the 1 MiB (1048576 bytes) limit`. */
function sizePhrase(size: number | undefined, min: number | undefined, max: number | undefined) {
  if (size === undefined) return undefined
  const given = sizeWithBytes(size)
  if (max !== undefined && size > max) return `${given}, over the ${sizeWithBytes(max)} limit`
  if (min !== undefined && size < min) return `${given}, under the ${sizeWithBytes(min)} minimum`
  const range = [
    ...(min === undefined ? [] : [`at least ${sizeWithBytes(min)}`]),
    ...(max === undefined ? [] : [`at most ${sizeWithBytes(max)}`]),
  ]
  return range.length === 0 ? given : `${given} (allowed: ${range.join(', ')})`
}

/**
 * SharpSpring's error `data`, whose shape is undocumented and varies by error, as a short phrase:
 * `{fieldSystemName: 'x', reason: 'no such field'}` → `fieldSystemName 'x': no such field`; a size and
 * its limit in human units and bytes; lists joined; other keys as `key: value`. Empty data gives ''.
 *
 * @example
 * describeSharpSpringData({ fileName: 'big.bin', size: 2097157, maxSize: 1048576 })
 * // "fileName 'big.bin': 2 MiB (2097157 bytes), over the 1 MiB (1048576 bytes) limit"
 */
export function describeSharpSpringData(data: unknown): string {
  if (isEmpty(data)) return ''
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return cut(inline(data), MAX_DETAIL)
  const record = data as Record<string, unknown>
  const entries = Object.entries(record).filter(([, value]) => !isEmpty(value))
  const sizes = entries.filter(
    (entry): entry is [string, number] => SIZE.test(entry[0]) && typeof entry[1] === 'number',
  )
  const sizeEntry = sizes.find(([key]) => !/^(max|min)/i.test(key))
  const maxEntry = sizes.find(([key]) => /^max/i.test(key))
  const minEntry = sizes.find(([key]) => /^min/i.test(key))
  const used = new Set([sizeEntry, maxEntry, minEntry].flatMap((entry) => (entry ? [entry[0]] : [])))
  const subjects: string[] = []
  const details: string[] = []
  const reason = typeof record.reason === 'string' ? oneLine(record.reason) : undefined
  if (reason !== undefined && reason !== '') details.push(reason)
  for (const [key, value] of entries) {
    if ((key === 'reason' && reason !== undefined) || used.has(key)) continue
    if (SIZE.test(key) && typeof value === 'number') details.push(`${key}: ${sizeWithBytes(value)}`)
    else if (SUBJECT.test(key) && (typeof value === 'string' || typeof value === 'number')) {
      subjects.push(typeof value === 'string' ? `${key} '${oneLine(value)}'` : `${key} ${value}`)
    } else {
      details.push(`${key}: ${inline(value)}`)
    }
  }
  const sized = sizePhrase(sizeEntry?.[1], minEntry?.[1], maxEntry?.[1])
  if (sized !== undefined) details.push(sized)
  else for (const key of used) details.push(`${key}: ${sizeWithBytes(record[key] as number)}`)
  const subject = subjects.join(', ')
  const text =
    subject !== '' && details.length > 0 ? `${subject}: ${details.join('; ')}` : subject || details.join('; ')
  return cut(text, MAX_DETAIL)
}

/** S3 `<Error>` elements that only echo the signing (long, and no help to a reader). */
const S3_SIGNING = /signature|stringtosign|canonical|accesskey|hostid/i

/**
 * The extra elements of S3's `<Error>` as a phrase: sizes in human units and bytes
 * (`ProposedSize 10 MiB (10485761 bytes), MaxSizeAllowed 10 MiB (10485760 bytes)`), other short
 * elements as `Name value`; the signing echo (`StringToSign`, `SignatureProvided`…) is left out.
 */
export function describeS3Details(details: Readonly<Record<string, string>>): string {
  const parts: string[] = []
  for (const [name, value] of Object.entries(details)) {
    if (value === '' || S3_SIGNING.test(name)) continue
    if (SIZE.test(name) && /^\d+$/.test(value)) parts.push(`${name} ${sizeWithBytes(Number(value))}`)
    else if (value.length <= 120) parts.push(`${name} ${oneLine(value)}`)
  }
  return cut(parts.join(', '), MAX_DETAIL)
}
