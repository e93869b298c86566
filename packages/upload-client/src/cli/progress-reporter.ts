import type { ProgressEvent } from '../client-options.js'
import { humanDelay } from '../human.js'
import type { RetryEvent } from '../retry.js'

export interface Output {
  write(text: string): unknown
  readonly isTTY?: boolean
  readonly columns?: number
}

export interface ProgressReporter {
  /** A file's progress: a bar on a terminal, a line per quarter elsewhere. */
  readonly progress: (event: ProgressEvent) => void
  /** A retry about to wait, on its own line: `retrying in 20 s (OnePageCRM throttled: 403), attempt 2 of 4`. */
  readonly retry: (event: RetryEvent) => void
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/** The line `crmkit` prints before waiting to retry. */
const retryLine = (event: RetryEvent) =>
  `retrying in ${humanDelay(event.delay)} (${event.reason}), attempt ${event.attempt + 1} of ${event.maxAttempts}`

/**
 * Shows progress on stderr: a bar redrawn in place on a terminal, else a plain line at each quarter
 * (logs and CI keep a readable record, not thousands of carriage returns). A retry gets a line of its
 * own, below a bar left where it stopped, so a wait (a `Retry-After` of 20 s) is never silent.
 */
export function createProgressReporter(output: Output): ProgressReporter {
  const quarters = new Map<string, number>()
  let lastDraw = 0
  /** Whether a bar is drawn without its line ended (so a note must start a new line). */
  let barOpen = false
  return {
    progress(event) {
      const ratio = event.total === 0 ? 1 : event.loaded / event.total
      const retry = event.attempt > 1 ? ` (attempt ${event.attempt})` : ''
      if (output.isTTY) {
        const now = Date.now()
        if (ratio < 1 && now - lastDraw < 100) return
        lastDraw = now
        const width = Math.max(10, Math.min(40, (output.columns ?? 80) - 50))
        const filled = Math.round(ratio * width)
        const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`
        const line = `${event.fileName.slice(0, 24).padEnd(24)} [${bar}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${mib(event.loaded)}/${mib(event.total)}${retry}`
        output.write(`\r${line}\x1b[K${ratio >= 1 ? '\n' : ''}`)
        barOpen = ratio < 1
        return
      }
      const key = `${event.fileIndex}:${event.attempt}`
      const quarter = Math.floor(ratio * 4)
      if ((quarters.get(key) ?? -1) >= quarter) return
      quarters.set(key, quarter)
      output.write(`${event.fileName}: ${quarter * 25}% (${event.loaded} of ${event.total} bytes)${retry}\n`)
    },
    retry(event) {
      output.write(`${barOpen ? '\n' : ''}${retryLine(event)}\n`)
      barOpen = false
    },
  }
}
