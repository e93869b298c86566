import { describe, expect, it } from 'vitest'
import { inDateSigningTime } from './in-date-signing-time.js'
import { readPact } from './pact-source.js'

const signed = (state: string, amzDate: string) => ({
  providerStates: [{ name: state }],
  request: { method: 'GET', path: '/k', query: { 'X-Amz-Date': [amzDate] } },
})

describe('inDateSigningTime', () => {
  it("is the latest signing time of the requests under `the upload form is in date` (or its contracts' alias)", () => {
    const pact = readPact('p.json', '/p.json', {
      consumer: { name: 'c' },
      provider: { name: 'S3' },
      interactions: [
        signed('the upload form is in date', '20260115T090000Z'),
        signed('A POST policy signed with the emulator credentials is in date', '20260115T091500Z'),
        // Not under the state: an expired form's time does not count.
        signed('the upload form expired', '20260301T000000Z'),
      ],
    })
    expect(inDateSigningTime(pact)).toBe('2026-01-15T09:15:00.000Z')
  })

  it('is undefined when no such request was signed', () => {
    const pact = readPact('p.json', '/p.json', {
      consumer: { name: 'c' },
      provider: { name: 'S3' },
      interactions: [{ providerStates: [{ name: 'the upload form is in date' }], request: { path: '/' } }],
    })
    expect(inDateSigningTime(pact)).toBeUndefined()
  })
})
