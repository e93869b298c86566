import { z } from 'zod'

// Formats of the vendor's OpenAPI document (https://github.com/OnePageCRM/swagger), as the API renders them.

/** `format: bson-id`: a MongoDB ObjectId, 24 lowercase hex characters. */
export const bsonId = z.string().regex(/^[0-9a-f]{24}$/, 'a 24-character lowercase hex id')

/** `format: date-time`: ISO 8601 in UTC to the second, e.g. `2018-05-16T11:52:09Z`. */
export const dateTime = z.iso.datetime()

/** `format: date`: `YYYY-MM-DD`. */
export const date = z.iso.date()

/** `format: unix-timestamp`: whole seconds since the epoch. */
export const unixTimestamp = z.number().int().nonnegative()
