import type {
  ClockState,
  Fault,
  FaultsAnswer,
  FilesAnswer,
  Health,
  RecordsAnswer,
  RequestsAnswer,
} from './admin-types.js'

/** An admin route's refusal: its status and the `error` it gave. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * One admin request, same-origin: the page is served by the mock it reads, so the admin API's guard lets it
 * through (a POST carries `Content-Type: application/json`, or no body at all).
 */
async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const answer = await fetch(`/__admin/${path}`, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: 'no-store',
  })
  const text = await answer.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new AdminError(answer.status, `${answer.status}: ${text.slice(0, 200)}`)
  }
  if (!answer.ok) {
    const error = (json as { error?: unknown }).error
    throw new AdminError(answer.status, typeof error === 'string' ? error : `${answer.status}`)
  }
  return json as T
}

export const adminApi = {
  health: () => call<Health>('health'),
  requests: (query: URLSearchParams) => call<RequestsAnswer>(`requests?${query}`),
  files: (limit: number) => call<FilesAnswer>(`files?limit=${limit}`),
  records: (limit: number) => call<RecordsAnswer>(`records?limit=${limit}`),
  faults: () => call<FaultsAnswer>('faults'),
  armFault: (spec: Record<string, string | number>) =>
    call<{ fault: Fault }>('faults', { method: 'POST', body: spec }),
  clearFaults: () => call<{ cleared: true }>('faults', { method: 'DELETE' }),
  clock: () => call<ClockState>('clock'),
  moveClock: (change: { advance: string } | { set: string } | { freeze: true } | { real: true }) =>
    call<ClockState>('clock', { method: 'POST', body: change }),
  reset: () => call<{ reset: true }>('reset', { method: 'POST' }),
}
