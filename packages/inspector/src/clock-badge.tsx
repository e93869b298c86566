import type { ClockState } from './admin-types.js'
import { dateTime, formatOffset } from './format.js'

/** The mocks' time in the top bar, and whether it is moved or frozen. */
export function ClockBadge({ clock, now }: { clock: ClockState | undefined; now: string | undefined }) {
  if (clock === undefined || now === undefined) return null
  const moved = clock.frozen || Math.abs(clock.offsetMs) >= 1000
  return (
    <a href="#clock" class={moved ? 'clock-badge moved' : 'clock-badge'} title="The mocks' clock">
      <span class="clock-badge-now">{dateTime(now)}</span>
      {clock.frozen && <span class="tag">frozen</span>}
      {!clock.frozen && moved && <span class="tag">{formatOffset(clock.offsetMs)}</span>}
    </a>
  )
}
