import fc from 'fast-check'

/** Which part of a valid request a case changes (`role`: credentials, bucket, key…), and how (`n`). */
export interface Extra {
  readonly role: string
  readonly n: number
}

/**
 * Mostly no extra; now and then up to `maxLength` of the endpoint's own `roles`, `weight` to 1 against none.
 * An endpoint with no roles never has one.
 */
export function extrasArbitrary(
  roles: readonly string[],
  options: { readonly weight: number; readonly maxLength: number },
): fc.Arbitrary<readonly Extra[]> {
  if (roles.length === 0) return fc.constant<readonly Extra[]>([])
  return fc.oneof(
    { weight: options.weight, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.array(fc.record({ role: fc.constantFrom(...roles), n: fc.nat(1000) }), {
        minLength: 1,
        maxLength: options.maxLength,
      }),
    },
  )
}
