import { describe, expect, it } from 'vitest'
import { HttpStatusError, NetworkError, TimeoutError } from './errors/transport-errors.js'
import { OnePageCrmThrottledError, S3Error, SharpSpringApiError } from './errors/vendor-errors.js'
import {
  DEFAULT_RETRY,
  isRetryable,
  parseRetryAfter,
  type RetryEvent,
  rememberRetryAfter,
  withRetries,
} from './retry.js'

const request = { method: 'POST', url: 'http://x/' }
const s3 = (code: string, status = 503) => new S3Error(request, status, { code, message: '', details: {} })
const sharpspring = (code: number) => new SharpSpringApiError(request, 'm', { code, message: '', data: [] })

describe('isRetryable', () => {
  it('always retries refusals that mean "not processed"', () => {
    for (const error of [
      new OnePageCrmThrottledError(request, '403 Forbidden (Rate Limit Exceeded)\n'),
      sharpspring(107),
      s3('SlowDown'),
      new NetworkError(request, Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), true),
    ]) {
      expect([isRetryable(error, false), error.name]).toEqual([true, error.name])
    }
  })

  it('retries ambiguous failures only when the request is idempotent', () => {
    for (const error of [
      new NetworkError(request, Object.assign(new Error('reset'), { code: 'ECONNRESET' }), false),
      new TimeoutError(request, 10),
      new HttpStatusError(request, 502, {}, ''),
    ]) {
      expect([isRetryable(error, true), isRetryable(error, false)]).toEqual([true, false])
    }
  })

  it('never retries what a retry cannot fix', () => {
    for (const error of [sharpspring(105), sharpspring(106), s3('EntityTooLarge', 400), new Error('bug')]) {
      expect(isRetryable(error, true)).toBe(false)
    }
  })
})

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-23T10:00:00Z')
  it('reads seconds and HTTP dates (RFC 9110 §10.2.3)', () => {
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })
})

describe('withRetries', () => {
  it('tells onRetry the attempt, the most attempts, the wait, the Retry-After and the reason', async () => {
    const events: RetryEvent[] = []
    const failures = [
      rememberRetryAfter(
        new OnePageCrmThrottledError(request, '403 Forbidden (Rate Limit Exceeded)\n'),
        20_000,
      ),
      new NetworkError(request, Object.assign(new Error('reset'), { code: 'ECONNRESET' }), false),
      s3('SlowDown'),
      sharpspring(107),
    ]
    const result = await withRetries(
      {
        retry: { ...DEFAULT_RETRY, retries: 4 },
        idempotent: true,
        random: () => 0,
        sleep: async () => {},
        onRetry: (event) => events.push(event),
      },
      async (n) => {
        const failure = failures[n - 1]
        if (failure !== undefined) throw failure
        return 'done'
      },
    )
    expect(result).toBe('done')
    expect(events.map(({ error, ...event }) => ({ ...event, code: error.code }))).toEqual([
      {
        attempt: 1,
        maxAttempts: 5,
        delay: 20_000,
        retryAfter: 20_000,
        reason: 'OnePageCRM throttled: 403',
        code: 'CRMKIT_ONEPAGECRM_THROTTLED',
      },
      {
        attempt: 2,
        maxAttempts: 5,
        delay: 500,
        retryAfter: undefined,
        reason: 'network error: ECONNRESET',
        code: 'CRMKIT_NETWORK',
      },
      {
        attempt: 3,
        maxAttempts: 5,
        delay: 1000,
        retryAfter: undefined,
        reason: 'S3 503 SlowDown',
        code: 'CRMKIT_S3',
      },
      {
        attempt: 4,
        maxAttempts: 5,
        delay: 2000,
        retryAfter: undefined,
        reason: 'SharpSpring throttled: 107',
        code: 'CRMKIT_SHARPSPRING_API',
      },
    ])
  })
})
