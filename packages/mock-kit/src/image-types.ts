/**
 * The raster image a file's first bytes say it is (their magic numbers), as a media type: PNG, JPEG, GIF or
 * WebP, the ones a browser shows without running anything. Undefined for anything else.
 */
export function imageTypeOfBytes(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38) && (head[4] === 0x37 || head[4] === 0x39) && head[5] === 0x61)
    return 'image/gif'
  // RIFF, four bytes of size, WEBP.
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    head[8] === 0x57 &&
    head[9] === 0x45 &&
    head[10] === 0x42 &&
    head[11] === 0x50
  )
    return 'image/webp'
  return undefined
}

const BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
}

/** The raster image type a file's name suggests (`photo.PNG`: `image/png`), or undefined. */
export function imageTypeOfName(name: string): string | undefined {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? undefined : BY_EXTENSION[name.slice(dot + 1).toLowerCase()]
}

/** Types that say nothing of what a file is: S3's default for a form without `Content-Type`, and the like. */
export function isGenericType(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === '' || type === 'binary/octet-stream' || type === 'application/octet-stream'
}
