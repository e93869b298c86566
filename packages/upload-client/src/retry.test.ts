import { describe, expect, it } from 'vitest'
import { HttpStatusError, NetworkError, TimeoutError } from './errors/transport-errors.js'
import { OnePageCrmThrottledError, S3Error, SharpSpringApiError } from './errors/vendor-errors.js'
import { isRetryable, parseRetryAfter } from './retry.js'

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
