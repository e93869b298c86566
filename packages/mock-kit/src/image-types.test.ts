import { describe, expect, it } from 'vitest'
import { imageTypeOfBytes, imageTypeOfName, isGenericType } from './image-types.js'

const bytes = (hex: string) => Buffer.from(hex.replace(/ /g, ''), 'hex')

describe('image types', () => {
  it('tells PNG, JPEG, GIF and WebP from their first bytes, and nothing else', () => {
    expect(imageTypeOfBytes(bytes('89504e47 0d0a1a0a 0000'))).toBe('image/png')
    expect(imageTypeOfBytes(bytes('ffd8ffe0'))).toBe('image/jpeg')
    expect(imageTypeOfBytes(bytes('47494638 3961'))).toBe('image/gif')
    expect(imageTypeOfBytes(bytes('52494646 00000000 57454250'))).toBe('image/webp')
    expect(imageTypeOfBytes(bytes('52494646 00000000 57415645'))).toBeUndefined()
    expect(imageTypeOfBytes(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeUndefined()
    expect(imageTypeOfBytes(new Uint8Array())).toBeUndefined()
  })

  it('tells an image type from a name, and a type that says nothing', () => {
    expect(['a.PNG', 'b.jpg', 'c.jpeg', 'd.gif', 'e.webp'].map(imageTypeOfName)).toEqual([
      'image/png',
      'image/jpeg',
      'image/jpeg',
      'image/gif',
      'image/webp',
    ])
    expect(['a.svg', 'png', 'a.png.txt'].map(imageTypeOfName)).toEqual([undefined, undefined, undefined])
    expect(['binary/octet-stream', 'application/octet-stream; x=1', ''].every(isGenericType)).toBe(true)
    expect(isGenericType('image/png')).toBe(false)
  })
})
