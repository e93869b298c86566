import { describe, expect, it } from 'vitest'
import { journalQuery, NO_FILTERS } from './journal-filters.js'

describe('journalQuery', () => {
  it('sends only the filters that are set, and the limit', () => {
    expect(journalQuery(NO_FILTERS, 200).toString()).toBe('limit=200')
    expect(
      journalQuery(
        { service: 's3', method: 'POST', status: '4xx', refused: true, code: ' EntityTooLarge ', path: '/b' },
        50,
      ).toString(),
    ).toBe('service=s3&method=POST&status=4xx&refused=true&code=EntityTooLarge&path=%2Fb&limit=50')
  })
})
