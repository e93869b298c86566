import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { errorEnvelope, successEnvelope, uploadFilesResult, writeItem } from './index.js'

describe('sharpspring envelopes', () => {
  it('reads the documented write sample, whose error is an empty array', () => {
    // Verbatim [SAMPLE createOpportunities]: the sample response of SharpSpring's own example for that method
    // (FIDELITY.md, "Sources").
    const sample = {
      result: { creates: [{ success: true, error: null, id: 321368066 }] },
      error: [],
      id: '',
    }
    expect(successEnvelope(z.object({ creates: z.array(writeItem) })).parse(sample)).toEqual(sample)
  })

  it('reads an API-level error and refuses one without a numeric code', () => {
    const failure = {
      result: null,
      error: { code: 105, message: 'User authentication failed.', data: [] },
      id: 'r',
    }
    expect(errorEnvelope.parse(failure).error.code).toBe(105)
    expect(
      errorEnvelope.safeParse({ ...failure, error: { code: '105', message: 'x', data: [] } }).success,
    ).toBe(false)
  })

  it('reads a partly failed upload and names a missing fileName', () => {
    const result = {
      uploads: [
        {
          success: true,
          error: null,
          id: 1234,
          fileName: 'file1.png',
          url: 'http://127.0.0.1/files/a/file1.png',
        },
        { success: false, error: { code: 404, message: 'Not found', data: {} }, fileName: 'file2.png' },
      ],
    }
    expect(uploadFilesResult.parse(result).uploads).toHaveLength(2)
    const broken = uploadFilesResult.safeParse({ uploads: [{ success: true, error: null }] })
    expect(broken.error?.issues[0]?.path).toEqual(['uploads', 0, 'fileName'])
  })
})
