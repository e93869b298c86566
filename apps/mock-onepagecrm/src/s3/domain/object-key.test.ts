import { describe, expect, it } from 'vitest'
import { checkObjectKey } from './object-key.js'

describe('checkObjectKey: 1 to 1,024 bytes of UTF-8', () => {
  it.each([['a'], ['k'.repeat(1024)], ['é'.repeat(512)], ['..'], ['a/../b'], ['new\nline\u0000'], ['/']])(
    'accepts %j',
    (key) => {
      expect(checkObjectKey(key)).toBeUndefined()
    },
  )

  it('refuses an empty key as S3 answers a POST with `key` empty', () => {
    expect(checkObjectKey('')).toEqual({
      status: 400,
      code: 'InvalidArgument',
      message: 'User key must have a length greater than 0.',
      details: [
        ['ArgumentName', 'key'],
        ['ArgumentValue', ''],
      ],
    })
  })

  it.each([
    ['k'.repeat(1025), 1025],
    ['é'.repeat(513), 1026],
    [`${'k'.repeat(1023)}😀`, 1027],
  ])('refuses a key of %#: %i bytes with KeyTooLongError', (key, size) => {
    expect(checkObjectKey(key)).toEqual({
      status: 400,
      code: 'KeyTooLongError',
      message: 'Your key is too long',
      details: [
        ['Size', String(size)],
        ['MaxSizeAllowed', '1024'],
      ],
    })
  })
})
