/**
 * The time zone of a call's date-times. SharpSpring serves two versions that differ only there: `v1` reads
 * and writes date-times in the time zone of the account's Company Profile, `v1.2` in UTC (dllobell/sharpspring-api,
 * src/SharpspringClient.php, `VERSIONS`; FIDELITY.md, SharpSpring). The mock keeps every date-time in UTC
 * and converts at the edge of a call.
 */
export function zoneOfVersion(version: string, accountZone: string): string {
  return version === 'v1' ? accountZone : 'UTC'
}

/** Whether `name` is an IANA time zone this runtime knows (`America/New_York`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '' || name !== name.trim()) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/** `Y-m-d H:i:s`, as the API writes date-times [SAMPLE]. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/

/**
 * Date-times already converted, by zone and UTC date-time: every read shows each record's timestamps, and
 * asking Intl for the parts of a date costs more than the rest of a read of a few records. The same instant
 * always has the same wall time in a zone, so a kept answer is the answer; the map is emptied when full.
 */
const shown = new Map<string, string>()
const SHOWN_LIMIT = 4096

/** A `Y-m-d H:i:s` date-time in UTC as the wall time of the same instant in `zone`. */
export function utcToZone(utc: string, zone: string): string {
  if (zone === 'UTC') return utc
  const key = `${zone} ${utc}`
  let local = shown.get(key)
  if (local === undefined) {
    const instant = parseWallTime(utc)
    local = instant === undefined ? utc : wallTime(instant, zone)
    if (shown.size >= SHOWN_LIMIT) shown.clear()
    shown.set(key, local)
  }
  return local
}

/**
 * A `Y-m-d H:i:s` wall time in `zone` as the UTC date-time of that instant; undefined when it is not a real
 * date-time. A wall time a daylight-saving change skips is read as the instant after the gap, an hour repeated
 * as its first occurrence [INFER].
 */
export function zoneToUtc(local: string, zone: string): string | undefined {
  const naive = parseWallTime(local)
  if (naive === undefined) return undefined
  if (zone === 'UTC') return local
  const first = naive - offsetAt(naive, zone)
  const second = naive - offsetAt(first, zone)
  const instant = wallTime(second, zone) === local ? second : Math.max(first, second)
  return wallTime(instant, 'UTC')
}

/** The instant a `Y-m-d H:i:s` names when read as UTC, or undefined when a part is out of range. */
function parseWallTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text)
  if (match === null) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const instant = Date.UTC(year, month - 1, day, hour, minute, second)
  // Date.UTC rolls 2026-02-30 over to March: a date that does not survive the round trip is not one.
  return new Date(instant).toISOString().slice(0, 19).replace('T', ' ') === text ? instant : undefined
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  return (parseWallTime(wallTime(instant, zone)) ?? instant) - instant
}

/** The wall time of `instant` in `zone` as `Y-m-d H:i:s`. */
function wallTime(instant: number, zone: string): string {
  if (zone === 'UTC') return new Date(instant).toISOString().slice(0, 19).replace('T', ' ')
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`
}

/** One formatter per zone; the account's zone is the only one ever asked for, so this stays tiny. */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    if (formatters.size >= 16) formatters.clear()
    formatters.set(zone, formatter)
  }
  return formatter
}
