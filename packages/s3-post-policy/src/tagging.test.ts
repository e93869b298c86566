import { describe, expect, it } from 'vitest'
import { parseTagging } from './tagging.js'

describe('parseTagging', () => {
  it('reads tags from a Tagging document', () => {
    const xml =
      '<?xml version="1.0"?>\n<Tagging><TagSet><Tag><Key>k1</Key><Value>v1</Value></Tag><Tag><Key>k2</Key><Value></Value></Tag></TagSet></Tagging>'
    expect(parseTagging(xml)).toEqual([
      { key: 'k1', value: 'v1' },
      { key: 'k2', value: '' },
    ])
  })

  it('gives no tags for well-formed XML that is not a Tagging document [LS]', () => {
    expect(parseTagging('<Foo><Bar/></Foo>')).toEqual([])
  })

  it('refuses what is not well-formed', () => {
    for (const text of ['tag=a', '<Tagging>', '<A></B>', '<A/><B/>', 'x<A/>', '<A>1 < 2</A>']) {
      expect(parseTagging(text), text).toBeUndefined()
    }
  })
})
