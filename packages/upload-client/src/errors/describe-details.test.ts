import { describe, expect, it } from 'vitest'
import { humanBytes, humanDelay, sizeWithBytes } from '../human.js'
import { describeS3Details, describeSharpSpringData } from './describe-details.js'

describe('human sizes and waits', () => {
  it('gives binary units with the exact bytes, and short waits', () => {
    expect([0, 512, 5000, 1024 * 1024, 10 * 1024 * 1024 + 1, 3 * 1024 ** 3].map(humanBytes)).toEqual([
      '0 B',
      '512 B',
      '4.88 KiB',
      '1 MiB',
      '10 MiB',
      '3 GiB',
    ])
    expect(sizeWithBytes(10485761)).toBe('10 MiB (10485761 bytes)')
    expect(sizeWithBytes(1)).toBe('1 byte')
    expect([250, 1000, 1500, 20_000, 61_400].map(humanDelay)).toEqual([
      '250 ms',
      '1 s',
      '1.5 s',
      '20 s',
      '61 s',
    ])
  })
})

describe('describeSharpSpringData', () => {
  // Each shape is one the SharpSpring mock answers (apps/mock-sharpspring/src/domain).
  it.each([
    [{ fieldSystemName: 'x', reason: 'no such field' }, "fieldSystemName 'x': no such field"],
    [
      { fileName: 'big.bin', size: 2097157, maxSize: 1048576 },
      "fileName 'big.bin': 2 MiB (2097157 bytes), over the 1 MiB (1048576 bytes) limit",
    ],
    [
      { productImage: 'too large', size: 5000, maxSize: 1024 },
      'productImage: too large; 4.88 KiB (5000 bytes), over the 1 KiB (1024 bytes) limit',
    ],
    [{ reason: 'not an image' }, 'not an image'],
    [{ productImage: 'not an image: PNG expected' }, 'productImage: not an image: PNG expected'],
    [{ field: 'bogus', reason: 'unknown field' }, "field 'bogus': unknown field"],
    [{ missing: ['objectType', 'files'] }, 'missing: objectType, files'],
    [{ where: ['bogus'], valid: ['id', 'emailAddress'] }, 'where: bogus; valid: id, emailAddress'],
    [{ lead: 99999 }, 'lead: 99999'],
    [{ productID: 42 }, 'productID 42'],
    [{ 'file1.png': 'must be an object id (an integer)' }, 'file1.png: must be an object id (an integer)'],
    [{ maxSize: 1024 }, 'maxSize: 1 KiB (1024 bytes)'],
    [{ reason: ['a', 'b'] }, 'reason: a, b'],
    ['plain  text\nof two lines', 'plain text of two lines'],
    [{ nested: { a: 1 } }, 'nested: {"a":1}'],
    [[], ''],
    [{}, ''],
    [null, ''],
  ])('%j → %s', (data, text) => {
    expect(describeSharpSpringData(data)).toBe(text)
  })

  it('keeps long data short: a few items of a list, at most 300 characters', () => {
    expect(describeSharpSpringData({ valid: Array.from({ length: 20 }, (_, i) => `f${i}`) })).toBe(
      'valid: f0, f1, f2, f3, f4, f5, f6, f7, … (12 more)',
    )
    expect(describeSharpSpringData({ reason: 'x'.repeat(1000) })).toHaveLength(300)
  })
})

describe('describeS3Details', () => {
  it('shows sizes in human units and bytes, and leaves the signing echo out', () => {
    expect(describeS3Details({ ProposedSize: '10485761', MaxSizeAllowed: '10485760' })).toBe(
      'ProposedSize 10 MiB (10485761 bytes), MaxSizeAllowed 10 MiB (10485760 bytes)',
    )
    expect(
      describeS3Details({
        AWSAccessKeyId: 'AKIA',
        StringToSign: 'eyJ…',
        SignatureProvided: 'abc',
        StringToSignBytes: '65 79',
        ArgumentName: 'key',
        ArgumentValue: '',
      }),
    ).toBe('ArgumentName key')
  })
})
