import { PassThrough, Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { type MultipartPart, parseMultipart } from './multipart.js'
import { MultipartError } from './multipart-error.js'

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

/** A body written out by hand, CRLFs and all, with boundary `b`. */
const hostile = (text: string) => Readable.from([Buffer.from(text, 'latin1')])
const HOSTILE_CT = 'multipart/form-data; boundary=b'

describe('parseMultipart on hostile bodies', () => {
  it.each(['utf-16', 'shift_jis', 'iso-8859-2', 'x-unknown'])(
    'refuses a field whose charset (%s) busboy cannot decode, naming the field, and calls no observer',
    async (charset) => {
      const seen: string[] = []
      const parts = collect(
        hostile(
          `--b\r\nContent-Disposition: form-data; name="key"\r\nContent-Type: text/plain; charset=${charset}\r\n\r\nx\r\n--b--\r\n`,
        ),
        { contentType: HOSTILE_CT, onField: (field) => seen.push(field.name) },
      )
      await expect(parts).rejects.toMatchObject({
        kind: 'malformed',
        message: expect.stringContaining('"key" declares a charset that cannot be decoded'),
      })
      expect(seen).toEqual([])
    },
  )

  it('refuses a part without a name, or with an empty one', async () => {
    for (const disposition of ['form-data; filename="a.txt"', 'form-data; name=""', 'form-data']) {
      const body = `--b\r\nContent-Disposition: ${disposition}\r\n\r\nx\r\n--b--\r\n`
      await expect(collect(hostile(body), { contentType: HOSTILE_CT })).rejects.toMatchObject({
        kind: 'malformed',
        message: 'Part 1 has no name (Content-Disposition: form-data; name="…").',
      })
      await expect(
        collect(hostile(body), { contentType: HOSTILE_CT, isFile: () => true }),
      ).rejects.toBeInstanceOf(MultipartError)
    }
  })

  it('refuses a body that ends inside a part read as a field (a filename, but not a file)', async () => {
    const body = '--b\r\nContent-Disposition: form-data; name="note"; filename="n.txt"\r\n\r\nunfinished'
    await expect(
      collect(hostile(body), { contentType: HOSTILE_CT, isFile: (name) => name === 'file' }),
    ).rejects.toMatchObject({ kind: 'malformed', message: 'The body ended before its closing boundary.' })
  })

  it('fails the file stream cut short with the same MultipartError as the iteration', async () => {
    const body = '--b\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nunfinished'
    let streamError: unknown
    let iterationError: unknown
    try {
      for await (const part of parseMultipart(hostile(body), { contentType: HOSTILE_CT })) {
        if (part.kind !== 'file') continue
        try {
          for await (const _ of part.stream);
        } catch (error) {
          streamError = error
        }
      }
    } catch (error) {
      iterationError = error
    }
    expect(streamError).toBeInstanceOf(MultipartError)
    expect(iterationError).toBe(streamError)
  })

  it.each([
    'multipart/form-data; boundary=b, text/plain',
    'multipart/form-data; boundary="unclosed',
    'multipart/form-data; boundary=""',
    'multipart/form-data; boundary=b;',
    'multipart/form-data; charset=utf-8',
  ])('refuses the Content-Type %j as malformed, without throwing from busboy', async (contentType) => {
    const body = hostile('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--b--\r\n')
    await expect(collect(body, { contentType })).rejects.toMatchObject({ kind: 'malformed' })
    // The body is read and dropped all the same, so the answer can be sent.
    await new Promise((resolve) => setImmediate(resolve))
    expect(body.readableEnded).toBe(true)
  })

  it('reads a quoted boundary as busboy does, for the part header rewrite too', async () => {
    const contentType = 'multipart/form-data; boundary="x y\\"z"; charset=utf-8'
    const body = hostile(
      '--x y"z\r\nContent-Disposition: form-data; name="key"\r\n\r\nk\r\n--x y"z\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: text/plain\r\n\r\nbytes\r\n--x y"z--\r\n',
    )
    expect(await collect(body, { contentType, isFile: (name) => name === 'file' })).toEqual([
      { kind: 'field', name: 'key', value: 'k', filename: undefined },
      { kind: 'file', name: 'file', value: 'bytes', filename: undefined },
    ])
  })

  it('fails only the iteration of its body when isFile, onField or onFile throws', async () => {
    const bug = new Error('observer bug')
    const throwing = () => {
      throw bug
    }
    const fields = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--b--\r\n'
    const file = '--b\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\nx\r\n--b--\r\n'
    await expect(collect(hostile(fields), { contentType: HOSTILE_CT, onField: throwing })).rejects.toBe(bug)
    await expect(collect(hostile(file), { contentType: HOSTILE_CT, onFile: throwing })).rejects.toBe(bug)
    await expect(collect(hostile(file), { contentType: HOSTILE_CT, isFile: throwing })).rejects.toBe(bug)
    // A field read from a file part calls onField later, from a promise: the same holds.
    await expect(
      collect(hostile(file), { contentType: HOSTILE_CT, isFile: () => false, onField: throwing }),
    ).rejects.toBe(bug)
  })

  it('takes exactly maxParts parts, and refuses one more, skipped parts included', async () => {
    const part = (name: string) => `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nv\r\n`
    const three = `${part('a')}${part('b')}${part('c')}--b--\r\n`
    expect(await collect(hostile(three), { contentType: HOSTILE_CT, maxParts: 3 })).toHaveLength(3)
    await expect(collect(hostile(three), { contentType: HOSTILE_CT, maxParts: 2 })).rejects.toMatchObject({
      kind: 'too-many-parts',
    })
    // busboy skips a part without Content-Disposition; it still counts.
    const withSkipped = `${part('a')}${part('b')}--b\r\nX-Other: 1\r\n\r\nv\r\n--b--\r\n`
    await expect(
      collect(hostile(withSkipped), { contentType: HOSTILE_CT, maxParts: 2 }),
    ).rejects.toMatchObject({ kind: 'too-many-parts' })
  })

  it('refuses a name or filename longer than its limit', async () => {
    const long = 'n'.repeat(2000)
    await expect(
      collect(hostile(`--b\r\nContent-Disposition: form-data; name="${long}"\r\n\r\nv\r\n--b--\r\n`), {
        contentType: HOSTILE_CT,
      }),
    ).rejects.toMatchObject({ kind: 'name-too-long', message: expect.stringContaining('1024 bytes') })
    const file = `--b\r\nContent-Disposition: form-data; name="f"; filename="${long}"\r\n\r\nv\r\n--b--\r\n`
    await expect(
      collect(hostile(file), { contentType: HOSTILE_CT, maxFilenameBytes: 100 }),
    ).rejects.toMatchObject({ kind: 'name-too-long' })
    expect(await collect(hostile(file), { contentType: HOSTILE_CT })).toHaveLength(1)
  })

  it('refuses a part header longer than busboy takes, and yields nothing after a malformed header', async () => {
    const huge = `--b\r\nContent-Disposition: form-data; name="a"\r\nX-Pad: ${'p'.repeat(17 * 1024)}\r\n\r\nv\r\n--b--\r\n`
    await expect(collect(hostile(huge), { contentType: HOSTILE_CT })).rejects.toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('16 KiB'),
    })
    const seen: string[] = []
    const broken =
      '--b\r\nContent-Disposition: form-data; name="first"\r\n\r\n1\r\n--b\r\nBad Header\r\n\r\nx\r\n--b\r\nContent-Disposition: form-data; name="after"\r\n\r\n2\r\n--b--\r\n'
    await expect(
      collect(hostile(broken), { contentType: HOSTILE_CT, onField: (field) => seen.push(field.name) }),
    ).rejects.toMatchObject({ kind: 'malformed' })
    expect(seen).toEqual(['first'])
  })

  it('refuses, rather than waits forever for, a file part busboy opens after the closing delimiter', async () => {
    // The headers end in one CRLF, not two, right before the delimiter: busboy ends the header block after
    // the delimiter, opens the file, then takes `--` for the end of the form with that file still open.
    const body = '--b\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n\r\n--b\r\n--'
    for (const isFile of [undefined, () => true]) {
      let streamError: unknown
      const iteration = (async () => {
        for await (const part of parseMultipart(hostile(body), { contentType: HOSTILE_CT, isFile }))
          if (part.kind === 'file') await part.stream.toArray().catch((error) => (streamError = error))
      })()
      await expect(iteration).rejects.toMatchObject({ kind: 'malformed' })
      expect(streamError).toBeInstanceOf(MultipartError)
    }
  })

  it('fails as aborted when the body was already gone, and parses one already read to its end', async () => {
    const gone = new PassThrough()
    gone.destroy()
    await expect(collect(gone)).rejects.toMatchObject({ kind: 'aborted' })
    const ended = new PassThrough()
    ended.end()
    ended.resume()
    await new Promise((resolve) => ended.once('end', resolve))
    await expect(collect(ended)).rejects.toMatchObject({ kind: 'malformed' })
  })
})
