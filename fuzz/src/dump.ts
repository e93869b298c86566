/** Bytes as a one-line escaped string: printable ASCII as is, `\r` `\n` `\t` `\0`, the rest `\xNN`. */
export function escapeBytes(bytes: Buffer, max = 600): string {
  let out = ''
  const shown = bytes.subarray(0, max)
  for (const byte of shown) {
    if (byte === 0x0d) out += '\\r'
    else if (byte === 0x0a) out += '\\n'
    else if (byte === 0x09) out += '\\t'
    else if (byte === 0x00) out += '\\0'
    else if (byte === 0x5c) out += '\\\\'
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte)
    else out += `\\x${byte.toString(16).padStart(2, '0')}`
  }
  if (bytes.length > max) out += `…(+${bytes.length - max} bytes)`
  return out
}

/** A classic hex dump (offset, 16 bytes, ASCII), for the first `max` bytes. */
export function hexDump(bytes: Buffer, max = 256): string {
  const lines: string[] = []
  const shown = bytes.subarray(0, max)
  for (let offset = 0; offset < shown.length; offset += 16) {
    const row = shown.subarray(offset, offset + 16)
    const hex = [...row].map((byte) => byte.toString(16).padStart(2, '0')).join(' ')
    const ascii = [...row]
      .map((byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'))
      .join('')
    lines.push(`${offset.toString(16).padStart(6, '0')}  ${hex.padEnd(47)}  ${ascii}`)
  }
  if (bytes.length > max) lines.push(`…(+${bytes.length - max} bytes)`)
  return lines.join('\n')
}

/** Shortens long strings inside a JSON rendering of mutations, so a reproducer stays one readable line. */
export function compactJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'string') return item
    const visible = [...item]
      .map((c) => {
        const code = c.charCodeAt(0)
        return code < 0x20 || (code >= 0x7f && code < 0xa0) ? `\\x${code.toString(16).padStart(2, '0')}` : c
      })
      .join('')
    if (visible.length <= 48) return visible
    // A long run of one character is shown as such.
    if (/^(.)\1*$/s.test(item)) return `${JSON.stringify(item[0]).slice(1, -1)}×${item.length}`
    return `${visible.slice(0, 24)}…(${item.length} chars)`
  })
}
