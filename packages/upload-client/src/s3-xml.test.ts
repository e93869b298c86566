import { describe, expect, it } from 'vitest'
import { readS3Xml } from './s3-xml.js'

describe('readS3Xml', () => {
  it("reads S3's EntityTooLarge error with its extra elements", () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message><ProposedSize>10485761</ProposedSize><MaxSizeAllowed>10485760</MaxSizeAllowed><RequestId>R</RequestId><HostId>H</HostId></Error>'
    expect(readS3Xml(xml)).toEqual({
      root: 'Error',
      elements: [
        ['Code', 'EntityTooLarge'],
        ['Message', 'Your proposed upload exceeds the maximum allowed size'],
        ['ProposedSize', '10485761'],
        ['MaxSizeAllowed', '10485760'],
        ['RequestId', 'R'],
        ['HostId', 'H'],
      ],
    })
  })

  it('unescapes entities and refuses what is not XML', () => {
    const parsed = readS3Xml(
      '<PostResponse><Key>a&amp;b &#x2F; c</Key><ETag>&quot;e&quot;</ETag></PostResponse>',
    )
    expect(parsed?.elements).toEqual([
      ['Key', 'a&b / c'],
      ['ETag', '"e"'],
    ])
    expect(readS3Xml('<html>oops')).toBeUndefined()
  })
})
