/** How a request to a host crmkit does not mock is treated while the vendors are intercepted. */
export type UnmatchedRequests = 'error' | 'passthrough'

/**
 * The error a request to a host crmkit does not mock fails with under `unmatched: 'error'`, with why a
 * vendor's host was not answered when it is one.
 */
export function unmatchedHostError(where: string, why?: string): Error & { code: string } {
  return Object.assign(
    new Error(
      `crmkit interceptVendors(): no mock answers ${where}${why === undefined ? '' : ` (${why})`}, and requests to other hosts are refused. ` +
        "Pass { unmatched: 'passthrough' } to interceptVendors() to let them through to the network.",
    ),
    { code: 'ECRMKIT_UNMATCHED' },
  )
}
