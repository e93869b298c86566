/** What the request list shows: `GET /__admin/requests`' filters, as the form holds them. */
export interface JournalFilters {
  readonly service: string
  readonly method: string
  /** `''` or a status class: `2xx` … `5xx`. */
  readonly status: string
  readonly refused: boolean
  /** The vendor's error code (`EntityTooLarge`, `205`, `not_emulated`). */
  readonly code: string
  /** A path prefix. */
  readonly path: string
}

export const NO_FILTERS: JournalFilters = {
  service: '',
  method: '',
  status: '',
  refused: false,
  code: '',
  path: '',
}

/** The query of `GET /__admin/requests` for these filters: empty ones are left out, never sent blank. */
export function journalQuery(filters: JournalFilters, limit: number): URLSearchParams {
  const query = new URLSearchParams()
  if (filters.service !== '') query.set('service', filters.service)
  if (filters.method !== '') query.set('method', filters.method)
  if (filters.status !== '') query.set('status', filters.status)
  if (filters.refused) query.set('refused', 'true')
  const code = filters.code.trim()
  if (code !== '') query.set('code', code)
  const path = filters.path.trim()
  if (path !== '') query.set('path', path)
  query.set('limit', String(limit))
  return query
}
