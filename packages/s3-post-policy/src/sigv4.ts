import { toHex, utf8Bytes } from './encoding.js'

const subtle = globalThis.crypto.subtle

async function hmac(
  key: Uint8Array<ArrayBuffer>,
  data: string,
  hash: 'SHA-256' | 'SHA-1' = 'SHA-256',
): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await subtle.importKey('raw', key, { name: 'HMAC', hash }, false, ['sign'])
  return new Uint8Array(await subtle.sign('HMAC', cryptoKey, utf8Bytes(data)))
}

/**
 * The SigV4 signing key: kDate = HMAC("AWS4" + secret, date), then region, service and "aws4_request"
 * (AWS docs, "Calculating a signature", sigv4-HTTPPOSTConstructPolicy).
 */
export async function deriveSigningKey(
  secretAccessKey: string,
  dateStamp: string,
  region: string,
  service = 's3',
): Promise<Uint8Array<ArrayBuffer>> {
  const kDate = await hmac(utf8Bytes(`AWS4${secretAccessKey}`), dateStamp)
  const kRegion = await hmac(kDate, region)
  const kService = await hmac(kRegion, service)
  return hmac(kService, 'aws4_request')
}

/** Lowercase hex HMAC-SHA256 of `stringToSign` under a derived signing key. */
export async function signString(signingKey: Uint8Array<ArrayBuffer>, stringToSign: string): Promise<string> {
  return toHex(await hmac(signingKey, stringToSign))
}

/** Signing keys already derived, as HMAC keys, by secret, day, region and service. */
const signingKeys = new Map<string, Promise<CryptoKey>>()
/** The AWS SDKs keep 50 (`MAX_CACHE_SIZE` in @smithy/signature-v4); a key changes only once a day. */
const MAX_CACHED_SIGNING_KEYS = 50

function cachedSigningKey(
  secretAccessKey: string,
  dateStamp: string,
  region: string,
  service: string,
): Promise<CryptoKey> {
  const id = JSON.stringify([secretAccessKey, dateStamp, region, service])
  let key = signingKeys.get(id)
  if (key === undefined) {
    key = deriveSigningKey(secretAccessKey, dateStamp, region, service).then((raw) =>
      subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    )
    // A failed derivation is not kept, so the next call tries again.
    key.catch(() => signingKeys.delete(id))
    if (signingKeys.size >= MAX_CACHED_SIGNING_KEYS) {
      signingKeys.delete(signingKeys.keys().next().value as string)
    }
    signingKeys.set(id, key)
  }
  return key
}

/**
 * The SigV4 signature (lowercase hex) of `stringToSign` for a credential scope. The signing key is derived
 * once per secret, day, region and service and kept, as the AWS SDKs do: deriving it costs four HMACs,
 * more than the signature itself.
 */
export async function signV4(
  secretAccessKey: string,
  scope: { readonly dateStamp: string; readonly region: string; readonly service: string },
  stringToSign: string,
): Promise<string> {
  const key = await cachedSigningKey(secretAccessKey, scope.dateStamp, scope.region, scope.service)
  return toHex(await subtle.sign('HMAC', key, utf8Bytes(stringToSign)))
}

/** SigV2 POST signature: base64 HMAC-SHA1 of the policy text under the raw secret (AWS HTTPPOSTForms, SigV2). */
export async function signStringV2(secretAccessKey: string, stringToSign: string): Promise<string> {
  const mac = await hmac(utf8Bytes(secretAccessKey), stringToSign, 'SHA-1')
  let binary = ''
  for (const byte of mac) binary += String.fromCharCode(byte)
  return btoa(binary)
}

export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof data === 'string' ? utf8Bytes(data) : data
  return toHex(await subtle.digest('SHA-256', bytes))
}

/** `20151229T000000Z`, the ISO 8601 basic format of `x-amz-date`. */
export function toAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** `20151229`, the date part of a credential scope. */
export function toDateStamp(date: Date): string {
  return toAmzDate(date).slice(0, 8)
}

/** Parses `20151229T000000Z`; `undefined` unless it is exactly that shape and a real instant. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!match) return undefined
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number]
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  return toAmzDate(date) === value ? date : undefined
}

export interface CredentialScope {
  readonly accessKeyId: string
  readonly dateStamp: string
  readonly region: string
  readonly service: string
  readonly terminator: string
}

/** Splits `<AKID>/<yyyymmdd>/<region>/<service>/aws4_request`; `undefined` when it has not five parts. */
export function parseCredential(credential: string): CredentialScope | undefined {
  const parts = credential.split('/')
  if (parts.length !== 5 || parts.some((part) => part === '')) return undefined
  const [accessKeyId, dateStamp, region, service, terminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ]
  return { accessKeyId, dateStamp, region, service, terminator }
}
