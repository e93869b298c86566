const encoder = new TextEncoder()

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes, with a visible marker of what was cut
 * (`…[15360 bytes, truncated]`): the head is kept whole to the last complete character, and the marker
 * counts towards `maxBytes`, so cutting again changes nothing. For things a request makes the server keep
 * or repeat (journal entries, error messages), whose size a client must not choose. A `maxBytes` smaller
 * than the marker (about 30 bytes) gives the marker alone.
 */
export function truncateText(text: string, maxBytes: number): string {
  // A UTF-16 code unit takes at most 3 UTF-8 bytes: a string this short fits without being counted.
  if (text.length * 3 <= maxBytes) return text
  const bytes = Buffer.byteLength(text)
  if (bytes <= maxBytes) return text
  const marker = `…[${bytes} bytes, truncated]`
  const room = Math.max(0, maxBytes - Buffer.byteLength(marker))
  // encodeInto stops before a character that does not fit whole, and says how much of `text` it read.
  const { read } = encoder.encodeInto(text, new Uint8Array(room))
  return `${text.slice(0, read)}${marker}`
}
