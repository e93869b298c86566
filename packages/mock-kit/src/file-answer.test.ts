import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { contentDisposition, fileAnswer, isInlineImage } from './file-answer.js'

const file = (name: string, contentType: string, text = 'bytes') => ({
  name,
  contentType,
  size: Buffer.byteLength(text),
  body: Readable.from([Buffer.from(text)]),
})

describe('fileAnswer', () => {
  it('answers a raster image inline, with its type, sandboxed', async () => {
    const answer = fileAnswer(file('a.png', 'Image/PNG; x=1'), { download: false, head: false })
    expect(Object.fromEntries(answer.headers)).toEqual({
      'content-type': 'image/png',
      'content-length': '5',
      'content-disposition': `inline; filename="a.png"; filename*=UTF-8''a.png`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    })
    expect(await answer.text()).toBe('bytes')
  })

  it('answers anything else as an attachment, and an image too when a download is asked', async () => {
    const html = fileAnswer(file('x.html', 'text/html'), { download: false, head: false })
    expect(html.headers.get('content-disposition')).toBe(
      `attachment; filename="x.html"; filename*=UTF-8''x.html`,
    )
    expect(html.headers.get('content-type')).toBe('text/html')
    expect(html.headers.get('content-security-policy')).toBe('sandbox')
    const svg = fileAnswer(file('x.svg', 'image/svg+xml'), { download: false, head: false })
    expect(svg.headers.get('content-disposition')).toMatch(/^attachment;/)
    const png = fileAnswer(file('a.png', 'image/png'), { download: true, head: false })
    expect(png.headers.get('content-disposition')).toMatch(/^attachment;/)
    // A type that is not one stays out of the header.
    const odd = fileAnswer(file('a.bin', 'not a type\r\nx: y'), { download: false, head: false })
    expect(odd.headers.get('content-type')).toBe('application/octet-stream')
  })

  it('answers inline as the image its bytes are, when its type says nothing', () => {
    const answer = fileAnswer(
      { ...file('photo.png', 'binary/octet-stream'), preview: 'image/png' },
      { download: false, head: false },
    )
    expect(answer.headers.get('content-type')).toBe('image/png')
    expect(answer.headers.get('content-disposition')).toMatch(/^inline;/)
  })

  it('closes the file for a HEAD, sending no body', async () => {
    const opened = file('a.png', 'image/png')
    const answer = fileAnswer(opened, { download: false, head: true })
    expect(answer.body).toBeNull()
    expect(answer.headers.get('content-length')).toBe('5')
    expect(opened.body.destroyed).toBe(true)
  })

  it('writes any name safely in Content-Disposition', () => {
    expect(contentDisposition('attachment', 'résumé "final"\\%.pdf')).toBe(
      `attachment; filename="r_sum_ _final___.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%5C%25.pdf`,
    )
    expect(contentDisposition('inline', "it's (1)*.png")).toBe(
      `inline; filename="it's (1)*.png"; filename*=UTF-8''it%27s%20%281%29%2A.png`,
    )
    expect(contentDisposition('attachment', '')).toBe(`attachment; filename="file"; filename*=UTF-8''`)
  })

  it('previews PNG, JPEG, GIF and WebP only', () => {
    expect(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].every(isInlineImage)).toBe(true)
    expect(['image/svg+xml', 'text/html', 'application/pdf', ''].some(isInlineImage)).toBe(false)
  })
})
