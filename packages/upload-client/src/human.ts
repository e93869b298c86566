/** Short human forms of sizes and waits, for messages and the CLI. */

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const

/** Trims a fixed-point number's trailing zeros: `10.0` → `10`, `4.50` → `4.5`. */
const trimZeros = (text: string) => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text)

/**
 * A byte count in binary units, about three significant digits: `512 B`, `4.88 KiB`, `10 MiB`.
 *
 * @example
 * humanBytes(10 * 1024 * 1024) // '10 MiB'
 */
export function humanBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || Math.abs(bytes) < 1024) return `${bytes} B`
  let value = bytes / 1024
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return `${trimZeros(value.toFixed(digits))} ${UNITS[unit]}`
}

/**
 * A size in human units with the exact byte count, which tells apart sizes that round alike:
 * `10 MiB (10485761 bytes)`; below 1 KiB only the bytes (`512 bytes`).
 */
export function sizeWithBytes(bytes: number): string {
  const exact = `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  return Number.isFinite(bytes) && Math.abs(bytes) >= 1024 ? `${humanBytes(bytes)} (${exact})` : exact
}

/** A wait: `250 ms`, `1.5 s`, `20 s`. */
export function humanDelay(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 10_000) return `${trimZeros((ms / 1000).toFixed(1))} s`
  return `${Math.round(ms / 1000)} s`
}
