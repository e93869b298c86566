import { describe, expect, it } from 'vitest'
import { OnePageCrmThrottledError } from '../errors/vendor-errors.js'
import { createProgressReporter } from './progress-reporter.js'

const retry = {
  attempt: 1,
  maxAttempts: 4,
  delay: 20_000,
  retryAfter: 20_000,
  reason: 'OnePageCRM throttled: 403',
  error: new OnePageCrmThrottledError({ method: 'POST', url: 'http://x/' }, 'Rate Limit Exceeded'),
}
const line = 'retrying in 20 s (OnePageCRM throttled: 403), attempt 2 of 4\n'

function output(isTTY: boolean) {
  let text = ''
  return { write: (chunk: string) => (text += chunk), isTTY, columns: 80, text: () => text }
}

describe('createProgressReporter', () => {
  it('puts a retry on a line of its own below a bar left half drawn on a terminal', () => {
    const out = output(true)
    const reporter = createProgressReporter(out)
    reporter.progress({ fileName: 'a.bin', fileIndex: 0, loaded: 50, total: 100, attempt: 1 })
    reporter.retry(retry)
    expect(out.text()).toMatch(/^\ra\.bin .* 50% [^\n]*\n/)
    expect(out.text().endsWith(`\x1b[K\n${line}`)).toBe(true)
  })

  it('adds no blank line after a finished bar, nor in a log', () => {
    const tty = output(true)
    const reporter = createProgressReporter(tty)
    reporter.progress({ fileName: 'a.bin', fileIndex: 0, loaded: 100, total: 100, attempt: 1 })
    reporter.retry(retry)
    expect(tty.text().endsWith(`\x1b[K\n${line}`)).toBe(true)
    const log = output(false)
    createProgressReporter(log).retry({ ...retry, attempt: 2, delay: 1500 })
    expect(log.text()).toBe('retrying in 1.5 s (OnePageCRM throttled: 403), attempt 3 of 4\n')
  })
})
