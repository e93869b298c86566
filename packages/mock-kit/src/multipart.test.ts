import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { MultipartError, type MultipartPart, parseMultipart } from './multipart.js'

const BOUNDARY = 'XyZ'
const CT = `multipart/form-data; boundary=${BOUNDARY}`

function body(
  parts: Array<{ name: string; value: string | Buffer; filename?: string; type?: string }>,
): Buffer {
  const chunks: Buffer[] = []
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`
    const type = part.type === undefined ? '' : `\r\nContent-Type: ${part.type}`
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`,
      ),
    )
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`))
  return Buffer.concat(chunks)
}

async function collect(stream: Readable, options: Partial<Parameters<typeof parseMultipart>[1]> = {}) {
  const seen: Array<{ kind: string; name: string; value: string; filename?: string | undefined }> = []
  for await (const part of parseMultipart(stream, { contentType: CT, ...options }))
    seen.push(await describePart(part))
  return seen
}

async function describePart(part: MultipartPart) {
  if (part.kind === 'field')
    return { kind: 'field', name: part.name, value: part.value, filename: part.filename }
  const chunks: Buffer[] = []
  for await (const chunk of part.stream) chunks.push(chunk as Buffer)
  return {
    kind: 'file',
    name: part.name,
    value: Buffer.concat(chunks).toString('latin1'),
    filename: part.filename,
  }
}

describe('parseMultipart', () => {
  it('yields fields and files in body order, with UTF-8 file names and paths kept', async () => {
    const binary = Buffer.from([0, 255, 13, 10, 45, 45, 1])
    const parts = await collect(
      Readable.from([
        body([
          { name: 'key', value: 'a/${filename}' },
          { name: 'file', value: binary, filename: 'dir/résumé.bin' },
          { name: 'after', value: 'x' },
        ]),
      ]),
    )
    expect(parts).toEqual([
      { kind: 'field', name: 'key', value: 'a/${filename}', filename: undefined },
      { kind: 'file', name: 'file', value: binary.toString('latin1'), filename: 'dir/résumé.bin' },
      { kind: 'field', name: 'after', value: 'x', filename: undefined },
    ])
  })

  it('streams a named part as a file even without a filename, and keeps other filename parts as fields, in order', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 7)
    const raw = body([
      { name: 'note', value: 'hello', filename: 'note.txt', type: 'text/plain' },
      { name: 'key', value: 'k' },
      { name: 'File', value: big, type: 'text/plain' },
    ])
    // Deliver the body in small pieces so the header rewrite sees split headers.
    const pieces = Array.from({ length: Math.ceil(raw.length / 7000) }, (_, i) =>
      raw.subarray(i * 7000, (i + 1) * 7000),
    )
    const parts = await collect(Readable.from(pieces), {
      isFile: (name) => name.toLowerCase() === 'file',
      fieldSize: 1024,
    })
    expect(parts.map(({ kind, name, filename }) => ({ kind, name, filename }))).toEqual([
      { kind: 'field', name: 'note', filename: 'note.txt' },
      { kind: 'field', name: 'key', filename: undefined },
      { kind: 'file', name: 'File', filename: undefined },
    ])
    expect(parts[0]?.value).toBe('hello')
    expect(parts[2]?.value.length).toBe(big.length)
  })

  it('refuses a body that is not multipart, or has no boundary', async () => {
    await expect(collect(Readable.from([]), { contentType: 'application/json' })).rejects.toMatchObject({
      kind: 'not-multipart',
    })
    await expect(collect(Readable.from([]), { contentType: 'multipart/form-data' })).rejects.toMatchObject({
      kind: 'malformed',
    })
  })

  it('refuses a body that ends mid-part', async () => {
    const raw = body([{ name: 'file', value: 'abcdef', filename: 'a' }])
    await expect(collect(Readable.from([raw.subarray(0, raw.length - 20)]))).rejects.toBeInstanceOf(
      MultipartError,
    )
  })

  it('fails the open file stream and the iteration when the client goes away', async () => {
    const source = new PassThrough()
    const raw = body([{ name: 'file', value: Buffer.alloc(100_000, 1), filename: 'a' }])
    source.write(raw.subarray(0, 50_000))
    const iteration = collect(source)
    setTimeout(() => source.destroy(), 20)
    await expect(iteration).rejects.toMatchObject({ kind: 'aborted' })
  })
})
