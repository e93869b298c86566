import { hash, timingSafeEqual } from 'node:crypto'

/**
 * The width both secrets are written into before they are compared: every comparison of secrets up to this
 * many UTF-8 bytes takes the same time, whatever they hold and however long the expected one is. API keys
 * and secret keys are far shorter.
 */
const WIDTH = 256

// Scratch space for the presented secret: the comparison is synchronous, so one buffer serves every call.
const presentedBytes = Buffer.alloc(WIDTH)

/** An expected secret written once into its own zero-padded buffer, with its length. */
interface Expected {
  readonly padded: Buffer
  readonly length: number
}

/**
 * The expected secrets, written once. Few secrets are ever expected (a mock's keys), but the map is
 * emptied past 64 so it stays small whatever happens.
 */
const expectedSecrets = new Map<string, Expected | undefined>()

function expectedOf(expected: string): Expected | undefined {
  if (expectedSecrets.has(expected)) return expectedSecrets.get(expected)
  const length = Buffer.byteLength(expected)
  const written =
    length > WIDTH ? undefined : { padded: Buffer.concat([Buffer.from(expected)], WIDTH), length }
  if (expectedSecrets.size >= 64) expectedSecrets.clear()
  expectedSecrets.set(expected, written)
  return written
}

// For a secret wider than WIDTH (never one of the mocks' own): both hashed to 32 bytes first.
const sha256 = (text: string): Buffer => Buffer.from(hash('sha256', text, 'hex'), 'hex')

/**
 * Whether a presented secret (an API key, a secret key) is the expected one, in time that tells nothing
 * about where they differ or how long the expected one is: both are written into zero-padded buffers of
 * `WIDTH` bytes, compared whole with `timingSafeEqual`, and their lengths compared apart (the padding would
 * otherwise make `key` equal `key\0`). This is what hashing both to 32 bytes gave, without hashing the
 * presented secret on every request (bench/README.md, JSON API throughput). A presented secret wider than
 * `WIDTH` is refused after the same comparison of a width of zeros: it tells only that it was wide.
 */
export function secretsEqual(presented: string, expected: string): boolean {
  const known = expectedOf(expected)
  if (known === undefined) return timingSafeEqual(sha256(presented), sha256(expected))
  presentedBytes.fill(0)
  const length = Buffer.byteLength(presented)
  if (length <= WIDTH) presentedBytes.write(presented, 0, 'utf8')
  const same = timingSafeEqual(presentedBytes, known.padded)
  return same && length === known.length
}
