import { z } from 'zod'
import { unixTimestamp } from './common.js'

/** `Success`: body `status` 0, `message` `OK` or (on a 201) `Created`, `timestamp`, and `data`. */
export function successEnvelope<T extends z.ZodType>(data: T) {
  return z.object({
    status: z.literal(0),
    message: z.enum(['OK', 'Created']),
    timestamp: unixTimestamp,
    data,
  })
}

/** `Page_data`: the paging fields that sit beside a list inside `data`. */
export const pageData = z.object({
  total_count: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  per_page: z.number().int().positive().max(100),
  max_page: z.number().int().nonnegative(),
})

/** One entry of a list: the item wrapped under its singular name (`{"note": {...}}`). */
export function pageEntry<K extends string, T extends z.ZodType>(singular: K, item: T) {
  return z.strictObject({ [singular]: item } as Record<K, T>)
}

/**
 * A list response's `data`: the items under `plural`, each wrapped under its singular name (or given
 * whole as `entry`, when the wrapper has siblings), and the paging fields.
 */
export function pageOf<K extends string, T extends z.ZodType>(plural: K, entry: T) {
  const shape = { [plural]: z.array(entry), ...pageData.shape }
  return z.strictObject(shape as Record<K, z.ZodArray<T>> & typeof pageData.shape)
}

/**
 * The error envelope of `components/responses/400`, "used for all responses in the 4XX range": body
 * `status` repeats the HTTP status; `errors` maps a field to what is wrong with it, and is empty, null or
 * absent when no field is at fault (the spec lists it without making it required).
 */
export const errorEnvelope = z.strictObject({
  status: z.number().int().min(400).max(599),
  message: z.string(),
  error_name: z.string().regex(/^[a-z_]+$/),
  error_message: z.string(),
  errors: z.record(z.string(), z.string()).nullable().optional(),
})

export type ErrorEnvelope = z.infer<typeof errorEnvelope>
