import type { Clock, RandomBytes } from '@crmkit/mock-kit'

/**
 * Makes resource ids: BSON ObjectIds, 24 lowercase hex characters (`format: bson-id` in
 * https://github.com/OnePageCRM/swagger).
 */
export type NewId = () => string

/**
 * An ObjectId as MongoDB makes one: 4 bytes of seconds since the epoch, then 8 random bytes (the 5-byte
 * process value and 3-byte counter of a real one, both drawn from the injected randomness). Ids therefore
 * sort by creation time, as the vendor's do.
 */
export function createObjectIdFactory(clock: Clock, random: RandomBytes): NewId {
  return () => {
    const seconds = Math.floor(clock().getTime() / 1000) >>> 0
    return seconds.toString(16).padStart(8, '0') + Buffer.from(random(8)).toString('hex')
  }
}

export const isObjectId = (text: unknown): text is string =>
  typeof text === 'string' && /^[0-9a-f]{24}$/.test(text)
