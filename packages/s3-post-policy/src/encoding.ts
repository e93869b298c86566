const encoder = new TextEncoder()
const strictDecoder = new TextDecoder('utf-8', { fatal: true })

/** Standard, padded base64 of the UTF-8 bytes of `text` (what S3 expects in the `policy` field). */
export function encodeBase64Utf8(text: string): string {
  let binary = ''
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * Decodes standard base64 into UTF-8 text, or `undefined` when the input is not base64 or not UTF-8.
 * `atob` would skip ASCII white space, so it is refused first: a policy is one unbroken base64 string.
 */
export function decodeBase64Utf8(encoded: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return undefined
  try {
    const binary = atob(encoded)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return strictDecoder.decode(bytes)
  } catch {
    return undefined
  }
}

export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text)
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let hex = ''
  for (const byte of view) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/** Compares two strings in time that depends only on their lengths, so a signature cannot be guessed byte by byte. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** Bytes of `text` as UTF-8, two lowercase hex digits each, space separated (S3's `*Bytes` error elements). */
export function spacedHexBytes(text: string): string {
  return toHex(utf8Bytes(text)).replace(/(..)(?!$)/g, '$1 ')
}
