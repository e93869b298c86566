import { useState } from 'preact/hooks'
import { adminApi } from './admin-api.js'
import type { ClockState } from './admin-types.js'
import { errorText } from './error-text.js'
import { dateTime, formatOffset } from './format.js'

const PRESETS = ['PT1M', 'PT1H', 'P1D']

/** The mocks' one clock: where it stands, and `POST /__admin/clock`'s four moves. */
export function ClockView({
  clock,
  now,
  onChange,
}: {
  clock: ClockState | undefined
  now: string | undefined
  onChange: (state: ClockState) => void
}) {
  const [advance, setAdvance] = useState('PT1H')
  const [target, setTarget] = useState('')
  const [problem, setProblem] = useState<string>()
  const move = async (change: Parameters<typeof adminApi.moveClock>[0]) => {
    try {
      onChange(await adminApi.moveClock(change))
      setProblem(undefined)
    } catch (error) {
      setProblem(errorText(error))
    }
  }
  return (
    <section class="page" aria-label="Clock">
      <header class="page-head">
        <h2>Clock</h2>
        <p class="meta">
          The one clock every service reads: upload policies and pre-signed links expire by it, timestamps and
          rate limits follow it.
        </p>
      </header>
      <div class="card clock-card">
        <p class="clock-now" aria-live="polite">
          {now === undefined ? '…' : dateTime(now)}
        </p>
        {clock !== undefined && (
          <p class="clock-state">
            {clock.frozen ? 'Frozen' : 'Running'} · {formatOffset(clock.offsetMs)}
          </p>
        )}
      </div>
      <form
        class="card form-row"
        aria-label="Advance the clock"
        onSubmit={(event) => {
          event.preventDefault()
          void move({ advance: advance.trim() })
        }}
      >
        <label>
          Advance by (ISO 8601 duration)
          <input name="advance" value={advance} onInput={(e) => setAdvance(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button primary">
          Advance
        </button>
        {PRESETS.map((preset) => (
          <button key={preset} type="button" class="button" onClick={() => void move({ advance: preset })}>
            +{preset}
          </button>
        ))}
      </form>
      <form
        class="card form-row"
        aria-label="Set the clock"
        onSubmit={(event) => {
          event.preventDefault()
          void move({ set: target.trim() })
        }}
      >
        <label>
          Set to (date-time with offset)
          <input
            name="set"
            value={target}
            placeholder="2030-01-01T00:00:00Z"
            onInput={(e) => setTarget(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button">
          Set
        </button>
      </form>
      <div class="card form-row">
        <button type="button" class="button" onClick={() => void move({ freeze: true })}>
          Freeze
        </button>
        <button type="button" class="button" onClick={() => void move({ real: true })}>
          Back to real time
        </button>
      </div>
      {problem !== undefined && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}
