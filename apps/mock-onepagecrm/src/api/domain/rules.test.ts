import { createManualClock, createSeededRandom } from '@crmkit/mock-kit'
import { describe, expect, it } from 'vitest'
import { authenticate } from './authenticate.js'
import { createObjectIdFactory } from './object-id.js'
import { paginate } from './paging.js'
import { createSlidingWindowLimiter } from './rate-limiter.js'
import { createEmptyState } from './records.js'
import { displayQuota } from './storage-quota.js'

describe('object ids', () => {
  it('are 24 hex characters that start with the creation second', () => {
    const clock = createManualClock(new Date('2018-05-16T11:52:09Z'))
    const id = createObjectIdFactory(clock, createSeededRandom(1))()
    expect(id).toMatch(/^[0-9a-f]{24}$/)
    expect(Number.parseInt(id.slice(0, 8), 16)).toBe(Date.parse('2018-05-16T11:52:09Z') / 1000)
  })
})

describe('paging', () => {
  it('gives page, per_page, total_count and max_page as the Java fixture does (21 items, 10 a page)', () => {
    const items = Array.from({ length: 21 }, (_, i) => i)
    expect(paginate(items, { page: '3' })).toEqual({
      items: [20],
      total_count: 21,
      page: 3,
      per_page: 10,
      max_page: 3,
    })
    expect(paginate([], {})).toMatchObject({ items: [], total_count: 0, page: 1, max_page: 0 })
  })
})

describe('display_quota', () => {
  it('reads like the vendor’s two examples', () => {
    expect(displayQuota(1073741824)).toBe('1024MB')
    expect(displayQuota(214748364800)).toBe('200 GB')
  })
})

describe('the sliding-window throttle (improved-rack-throttle, burst 10, average 5/s)', () => {
  it('lets 9 through at once, refuses the 10th, and lets requests through again as the bucket drains', () => {
    const limiter = createSlidingWindowLimiter({ burst: 10, average: 5 })
    const t0 = Date.parse('2026-03-01T12:00:00Z')
    const at = (ms: number) => new Date(t0 + ms)
    const burst = Array.from({ length: 11 }, () => limiter.allow('1.2.3.4', at(0)))
    expect(burst).toEqual([true, true, true, true, true, true, true, true, true, false, false])
    expect(limiter.allow('5.6.7.8', at(0))).toBe(true)
    // Full at 10; 0.4 s drain 2, so one more fits (count 9) and the next does not.
    expect(limiter.allow('1.2.3.4', at(400))).toBe(true)
    expect(limiter.allow('1.2.3.4', at(400))).toBe(false)
    // A steady 5 a second after draining stays allowed.
    const steady = Array.from({ length: 10 }, (_, i) => limiter.allow('1.2.3.4', at(5000 + i * 200)))
    expect(steady.every(Boolean)).toBe(true)
  })
})

describe('authenticate', () => {
  const state = createEmptyState()
  state.users.set('5aba31e99007ba0f570c12f7', {
    id: '5aba31e99007ba0f570c12f7',
    api_key: 'k:ey+/=',
    first_name: 'Jane',
    last_name: 'Doe',
    email: '',
    company_name: '',
  })
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`

  it('accepts user id and API key (the key may hold a colon), and nothing else', () => {
    expect(authenticate(state, basic('5aba31e99007ba0f570c12f7:k:ey+/=')).ok).toBe(true)
    expect(
      authenticate(state, `basic   ${Buffer.from('5aba31e99007ba0f570c12f7:k:ey+/=').toString('base64')}`).ok,
    ).toBe(true)
    for (const header of [
      undefined,
      '',
      'Basic',
      basic('5aba31e99007ba0f570c12f7'),
      basic('5aba31e99007ba0f570c12f7:k'),
      basic(':k:ey+/='),
    ]) {
      expect(authenticate(state, header)).toEqual({
        ok: false,
        failure: { kind: 'authorization_data_not_found' },
      })
    }
  })
})
