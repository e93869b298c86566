import { z } from 'zod'

/**
 * An error object, API-level or of one object: `{code, message, data}`. SharpSpring's error codes:
 * https://help.sharpspring.com/hc/en-us/articles/360034119232-Understanding-Lead-Gen-CRM-Open-API-Error-Codes
 */
export const rpcError = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown(),
})

export type RpcError = z.infer<typeof rpcError>

/** The request id echoed back: the caller's string, or whatever JSON value it sent. */
const requestId = z.union([z.string(), z.number(), z.null()])

/**
 * A successful answer: `result` and the request `id`. Reads carry `error: null`; writes carry `error: []`,
 * or, when some objects failed, the failed objects' errors in input order [SAMPLE, CLIENT].
 */
export function successEnvelope<T extends z.ZodType>(result: T) {
  return z.object({
    result,
    error: z.union([z.null(), z.array(rpcError)]),
    id: requestId,
  })
}

/** An API-level failure: the whole call failed, `result` is null (or absent) and `error` one object. */
export const errorEnvelope = z.object({
  result: z.null().optional(),
  error: rpcError,
  id: requestId,
})

export type ErrorEnvelope = z.infer<typeof errorEnvelope>

/** One item of `creates`, `updates`, `deletes` (or the uploads): `id` only on a successful create. */
export const writeItem = z.object({
  success: z.boolean(),
  error: rpcError.nullable(),
  id: z.number().int().optional(),
})

export type WriteItem = z.infer<typeof writeItem>
