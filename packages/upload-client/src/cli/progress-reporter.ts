import type { ProgressEvent } from '../client-options.js'

export interface Output {
  write(text: string): unknown
  readonly isTTY?: boolean
  readonly columns?: number
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/**
 * Shows progress on stderr: a bar redrawn in place on a terminal, else a plain line at each quarter
 * (logs and CI keep a readable record, not thousands of carriage returns).
 */
export function createProgressReporter(output: Output): (event: ProgressEvent) => void {
  const quarters = new Map<string, number>()
  let lastDraw = 0
  return function report(event) {
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
      return
    }
    const key = `${event.fileIndex}:${event.attempt}`
    const quarter = Math.floor(ratio * 4)
    if ((quarters.get(key) ?? -1) >= quarter) return
    quarters.set(key, quarter)
    output.write(`${event.fileName}: ${quarter * 25}% (${event.loaded} of ${event.total} bytes)${retry}\n`)
  }
}
