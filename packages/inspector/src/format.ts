/** `1.5 KiB`: binary units, one decimal past bytes, as the mocks' messages write sizes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** `12.3 ms` below a second, `1.20 s` from there. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`
}

/** How far the clock runs from real time: `real time`, `+1 d 2 h 3 min 4 s`, `−5 min`. */
export function formatOffset(ms: number): string {
  if (Math.abs(ms) < 1000) return 'real time'
  const sign = ms < 0 ? '−' : '+'
  let rest = Math.round(Math.abs(ms) / 1000)
  const parts: string[] = []
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ] as const) {
    const count = Math.floor(rest / size)
    rest -= count * size
    if (count > 0) parts.push(`${count} ${unit}`)
  }
  return `${sign}${parts.join(' ')}`
}

/** `14:03:09.120` of an ISO 8601 time, in UTC (the journal's and the clock's zone). */
export function timeOfDay(iso: string): string {
  const match = /T(\d{2}:\d{2}:\d{2}(?:\.\d{3})?)/.exec(iso)
  return match?.[1] ?? iso
}

/** `2030-01-01 14:03:09 UTC` of an ISO 8601 time. */
export function dateTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso)
  return match === null ? iso : `${match[1]} ${match[2]} UTC`
}

/** The CSS class of a status: `s2` for 2xx … `s5` for 5xx (and `s0` for anything else). */
export function statusClass(status: number): string {
  const family = Math.floor(status / 100)
  return family >= 1 && family <= 5 ? `s${family}` : 's0'
}

/** JSON text indented for reading; any other text as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/** A record's value as a table cell shows it: text as it is, anything else as compact JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}
