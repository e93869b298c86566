export interface PageRequest {
  readonly page?: string | undefined
  readonly per_page?: string | undefined
}

export interface Page<T> {
  readonly items: readonly T[]
  readonly total_count: number
  readonly page: number
  readonly per_page: number
  readonly max_page: number
}

/**
 * `page` (from 1, default 1) and `per_page` (default 10, at most 100), as
 * https://github.com/OnePageCRM/swagger documents. Out-of-range or non-numeric values are brought into range
 * rather than refused (inferred; see FIDELITY.md).
 */
export function paginate<T>(items: readonly T[], request: PageRequest): Page<T> {
  const perPage = clamp(Number.parseInt(request.per_page ?? '', 10), 10, 1, 100)
  const page = clamp(Number.parseInt(request.page ?? '', 10), 1, 1, Number.MAX_SAFE_INTEGER)
  const start = (page - 1) * perPage
  return {
    items: items.slice(start, start + perPage),
    total_count: items.length,
    page,
    per_page: perPage,
    max_page: Math.ceil(items.length / perPage),
  }
}

function clamp(value: number, fallback: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return fallback
  return Math.min(max, Math.max(min, value))
}
