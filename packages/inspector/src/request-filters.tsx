import { type JournalFilters, NO_FILTERS } from './journal-filters.js'

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
const STATUSES = ['2xx', '3xx', '4xx', '5xx']

/** The journal's filters: service, method, status class, refused only, vendor error code, path prefix. */
export function RequestFilters({
  services,
  filters,
  onChange,
}: {
  services: readonly string[]
  filters: JournalFilters
  onChange: (filters: JournalFilters) => void
}) {
  const set = (change: Partial<JournalFilters>) => onChange({ ...filters, ...change })
  return (
    <form class="filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Service
        <select
          name="service"
          value={filters.service}
          onChange={(event) => set({ service: event.currentTarget.value })}
        >
          <option value="">all</option>
          {services.map((service) => (
            <option key={service} value={service}>
              {service}
            </option>
          ))}
        </select>
      </label>
      <label>
        Method
        <select
          name="method"
          value={filters.method}
          onChange={(event) => set({ method: event.currentTarget.value })}
        >
          <option value="">all</option>
          {METHODS.map((method) => (
            <option key={method} value={method}>
              {method}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          name="status"
          value={filters.status}
          onChange={(event) => set({ status: event.currentTarget.value })}
        >
          <option value="">all</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label class="check">
        <input
          name="refused"
          type="checkbox"
          checked={filters.refused}
          onChange={(event) => set({ refused: event.currentTarget.checked })}
        />
        Refused only
      </label>
      <label>
        Error code
        <input
          name="code"
          type="search"
          value={filters.code}
          placeholder="EntityTooLarge, 205…"
          onInput={(event) => set({ code: event.currentTarget.value })}
        />
      </label>
      <label>
        Path
        <input
          name="path"
          type="search"
          value={filters.path}
          placeholder="/pubapi, /api/v3…"
          onInput={(event) => set({ path: event.currentTarget.value })}
        />
      </label>
      {JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) && (
        <button type="button" class="button link" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </form>
  )
}
