import { describe, expect, it } from 'vitest'
import { faultSpec, NO_FAULT } from './fault-spec.js'

describe('faultSpec', () => {
  it('leaves blank fields out and sends numbers as numbers', () => {
    expect(faultSpec(NO_FAULT)).toEqual({ fault: 'reset', times: 1 })
    expect(
      faultSpec({
        ...NO_FAULT,
        service: 's3',
        method: 'POST',
        path: ' /bucket ',
        times: '2',
        afterBytes: '100',
      }),
    ).toEqual({ fault: 'reset', service: 's3', method: 'POST', path: '/bucket', times: 2, afterBytes: 100 })
  })

  it('sends afterBytes only with reset, retryAfter only with a named answer', () => {
    expect(faultSpec({ ...NO_FAULT, fault: 'slow-down', afterBytes: '5', retryAfter: '3' })).toEqual({
      fault: 'slow-down',
      times: 1,
      retryAfter: 3,
    })
    expect(faultSpec({ ...NO_FAULT, retryAfter: '3' })).toEqual({ fault: 'reset', times: 1 })
  })
})
