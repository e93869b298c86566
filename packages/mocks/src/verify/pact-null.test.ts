import { describe, expect, it } from 'vitest'
import { mismatchReports } from './interaction-reports.js'
import { withPactNulls } from './pact-null.js'

const object = '{"uploads":[{"success":true}]}'

describe('withPactNulls', () => {
  it('reads the empty actual of a type mismatch whose actual type is Null as null', () => {
    const fixed = withPactNulls({
      type: 'BodyMismatch',
      path: '$.result',
      expected: object,
      actual: '',
      mismatch: `Type mismatch: Expected null (Null) to be the same type as ${object} (Object)`,
    })
    expect(fixed.actual).toBe('null')
    expect(fixed.expected).toBe(object)
  })

  it('reads an empty expected value whose type is Null as null', () => {
    const fixed = withPactNulls({
      type: 'BodyMismatch',
      path: '$.error',
      expected: '',
      actual: '[]',
      mismatch: 'Type mismatch: Expected [] (Array) to be the same type as null (Null)',
    })
    expect(fixed).toMatchObject({ expected: 'null', actual: '[]' })
  })

  it('leaves a real empty string alone', () => {
    const mismatch = {
      type: 'BodyMismatch',
      path: '$.name',
      expected: 'report.txt',
      actual: '',
      mismatch: "Expected '' (String) to be equal to 'report.txt' (String)",
    }
    expect(withPactNulls(mismatch)).toEqual(mismatch)
    const typed = {
      ...mismatch,
      mismatch: 'Type mismatch: Expected "" (String) to be the same type as 1 (Integer)',
    }
    expect(withPactNulls(typed)).toEqual(typed)
  })

  it('is applied to the reports of a failed interaction', () => {
    const [report] = mismatchReports({
      interaction: 'Verifying a pact between acme and SharpSpring - uploadFiles',
      mismatch: {
        type: 'mismatches',
        mismatches: [
          {
            type: 'BodyMismatch',
            path: '$.result',
            expected: object,
            actual: '',
            mismatch: `Type mismatch: Expected null (Null) to be the same type as ${object} (Object)`,
          },
        ],
      },
    })
    expect(report).toMatchObject({ path: '$.result', expected: object, actual: 'null' })
  })
})
