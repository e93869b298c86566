/** The most items a data route of the inspector answers at once, whatever `limit` asks. */
export const MAX_INSPECTION_LIMIT = 1000

/**
 * `GET /__admin/files` and `/__admin/records`' query: `limit` (1 to 1000, default `defaultLimit`) and
 * `service` (one of `services`). Anything else, or a value it cannot read, is refused naming it, as the
 * journal's filters are.
 */
export function readInspectionQuery(
  params: URLSearchParams,
  services: readonly string[],
  defaultLimit: number,
): { ok: true; limit: number; service: string | undefined } | { ok: false; error: string } {
  for (const name of params.keys())
    if (name !== 'limit' && name !== 'service')
      return { ok: false, error: `No parameter "${name}"; this route takes limit and service.` }
  const limitText = params.get('limit')
  let limit = defaultLimit
  if (limitText !== null) {
    limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : Number.NaN
    if (!(limit >= 1 && limit <= MAX_INSPECTION_LIMIT))
      return {
        ok: false,
        error: `limit must be a whole number from 1 to ${MAX_INSPECTION_LIMIT}, not "${limitText}".`,
      }
  }
  const service = params.get('service') ?? undefined
  if (service !== undefined && !services.includes(service))
    return { ok: false, error: `service must be one of: ${services.join(', ')}.` }
  return { ok: true, limit, service }
}
