import { Readable } from 'node:stream'
import type { OpenedFile } from './inspection.js'

/**
 * Raster images a browser shows without running anything: these, and only these, are answered inline.
 * SVG is left out on purpose: it is a document that can carry script.
 */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

/** The bare media type, lower-cased: `image/png` of `Image/PNG; charset=x`. */
const mediaType = (contentType: string) => contentType.split(';')[0]?.trim().toLowerCase() ?? ''

/** True when the inspector shows a file of this type inline, as an image. */
export function isInlineImage(contentType: string): boolean {
  return INLINE_IMAGES.has(mediaType(contentType))
}

/**
 * `Content-Disposition` for `name` (RFC 6266): an ASCII fallback in `filename`, the exact name in
 * `filename*` (RFC 8187), so that no character of a name a client chose can break the header.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'file'
  const exact = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`
}

/**
 * A kept file as the answer of `GET /__admin/files/<service>/<id>`, streamed. A raster image (by its type,
 * or by the `preview` type its bytes showed) is answered inline with that type, for the inspector's
 * previews, unless `download` is asked; anything else is an attachment. Every answer is sandboxed (`Content-Security-Policy: sandbox`), so an HTML or SVG file a client
 * uploaded never runs as a page of the mock's origin. The admin guard adds `nosniff` and `no-store`.
 */
export function fileAnswer(file: OpenedFile, options: { download: boolean; head: boolean }): Response {
  const image = file.preview ?? file.contentType
  const inline = !options.download && isInlineImage(image)
  const type = mediaType(file.contentType)
  const headers = new Headers({
    'Content-Type': inline
      ? mediaType(image)
      : /^[\w.+-]+\/[\w.+-]+$/.test(type)
        ? file.contentType
        : 'application/octet-stream',
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
    'X-Content-Type-Options': 'nosniff',
    // An image needs no more; anything else opened in a tab stays a sandboxed page of no origin.
    'Content-Security-Policy': 'sandbox',
  })
  if (options.head) {
    file.body.destroy()
    return new Response(null, { headers })
  }
  return new Response(Readable.toWeb(file.body) as ReadableStream, { headers })
}
