import type { z } from 'zod'

/**
 * Envelope schemas built once per inner schema: zod 4 compiles an object schema's parser on its first use,
 * so building `successEnvelope(data)` per call would pay that compile on every request.
 */
export function cachedEnvelope<T extends z.ZodType, E extends z.ZodType>(
  build: (inner: T) => E,
): (inner: T) => E {
  const cache = new WeakMap<T, E>()
  return (inner) => {
    let envelope = cache.get(inner)
    if (envelope === undefined) {
      envelope = build(inner)
      cache.set(inner, envelope)
    }
    return envelope
  }
}
