import { type JournalFilters, NO_FILTERS } from './journal-filters.js'
import { SelectField } from './select-field.js'

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
      <SelectField
        label="Service"
        name="service"
        value={filters.service}
        options={services}
        emptyLabel="all"
        onChange={(value) => set({ service: value })}
      />
      <SelectField
        label="Method"
        name="method"
        value={filters.method}
        options={METHODS}
        emptyLabel="all"
        onChange={(value) => set({ method: value })}
      />
      <SelectField
        label="Status"
        name="status"
        value={filters.status}
        options={STATUSES}
        emptyLabel="all"
        onChange={(value) => set({ status: value })}
      />
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
