/** How a request to a host crmkit does not mock is treated while the vendors are intercepted. */
export type UnmatchedRequests = 'error' | 'passthrough'

/** The error a request to a host crmkit does not mock fails with under `unmatched: 'error'`. */
export function unmatchedHostError(where: string): Error & { code: string } {
  return Object.assign(
    new Error(
      `crmkit interceptVendors(): no mock answers ${where}, and requests to other hosts are refused. ` +
        "Pass { unmatched: 'passthrough' } to interceptVendors() to let them through to the network.",
    ),
    { code: 'ECRMKIT_UNMATCHED' },
  )
}
