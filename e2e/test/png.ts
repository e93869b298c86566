import { crc32, deflateSync } from 'node:zlib'
import { PNG } from 'pngjs'

export type Rgb = readonly [number, number, number]

/** One PNG chunk: length, type, data, and the CRC-32 of type and data (PNG specification, section 5.3). */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A truecolour 8-bit PNG of `width` × `height`, each pixel `colourAt(x, y)`: written here with node:zlib, so
 * the bytes the test uploads owe nothing to the decoder that checks the screenshot.
 */
export function encodePng(width: number, height: number, colourAt: (x: number, y: number) => Rgb): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.writeUInt8(8, 8) // bit depth
  header.writeUInt8(2, 9) // colour type 2: RGB
  const rows = Buffer.alloc(height * (1 + width * 3))
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3)
    rows[row] = 0 // filter: none
    for (let x = 0; x < width; x++) rows.set(colourAt(x, y), row + 1 + x * 3)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The colour of pixel (x, y) of a PNG (a screenshot). */
export function pixelAt(png: Buffer, x: number, y: number): Rgb {
  const image = PNG.sync.read(png)
  const at = (y * image.width + x) * 4
  return [image.data[at] ?? -1, image.data[at + 1] ?? -1, image.data[at + 2] ?? -1]
}

/** The size of a PNG. */
export function sizeOf(png: Buffer): { width: number; height: number } {
  const image = PNG.sync.read(png)
  return { width: image.width, height: image.height }
}

/** True when two colours differ by at most `tolerance` in each channel. */
export const near = (a: Rgb, b: Rgb, tolerance = 6) =>
  a.every((value, index) => Math.abs(value - (b[index] ?? 0)) <= tolerance)
