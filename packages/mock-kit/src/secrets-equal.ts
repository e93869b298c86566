import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Whether a presented secret (an API key, a secret key) is the expected one, in time that tells nothing
 * about where they differ or how long the expected one is: both are hashed to 32 bytes first.
 */
export function secretsEqual(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}
