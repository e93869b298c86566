import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { describe, expect, it } from 'vitest'
import type { OpenedFile } from './file-source.js'
import { createMultipartBody } from './multipart-body.js'

const bytesFile = (name: string, content: string, type = 'text/plain'): OpenedFile => ({
  name,
  size: Buffer.byteLength(content),
  type,
  reopenable: true,
  open: () => Readable.from([Buffer.from(content)]),
})

describe('createMultipartBody', () => {
  it('lays the parts out in order, with CRLFs, and states its exact length', async () => {
    const body = createMultipartBody(
      [
        { kind: 'field', name: 'id', value: 'r1' },
        { kind: 'file', name: 'files[0]', file: bytesFile('a.txt', 'hello') },
        { kind: 'field', name: 'a.txt', value: '1234' },
      ],
      'BOUNDARY',
    )
    const wire = await text(body.open())
    expect(wire).toBe(
      [
        '--BOUNDARY',
        'Content-Disposition: form-data; name="id"',
        '',
        'r1',
        '--BOUNDARY',
        'Content-Disposition: form-data; name="files[0]"; filename="a.txt"',
        'Content-Type: text/plain',
        '',
        'hello',
        '--BOUNDARY',
        'Content-Disposition: form-data; name="a.txt"',
        '',
        '1234',
        '--BOUNDARY--',
        '',
      ].join('\r\n'),
    )
    expect(body.length).toBe(Buffer.byteLength(wire))
    expect(body.contentType).toBe('multipart/form-data; boundary=BOUNDARY')
  })

  it('escapes quotes and line breaks in names as the HTML standard does', async () => {
    const body = createMultipartBody(
      [{ kind: 'file', name: 'f', file: bytesFile('a "b"\r\n.txt', 'x') }],
      'B',
    )
    expect(await text(body.open())).toContain('filename="a %22b%22%0D%0A.txt"')
  })

  it("reports each file's bytes as they go, and opens afresh each time", async () => {
    const body = createMultipartBody([{ kind: 'file', name: 'f', file: bytesFile('a.txt', 'abc') }], 'B')
    const seen: Array<[number, number]> = []
    await text(body.open((index, loaded) => seen.push([index, loaded])))
    await text(body.open())
    expect(seen).toEqual([
      [0, 0],
      [0, 3],
    ])
    expect(body.reopenable).toBe(true)
  })

  it('writes the text between files as one chunk, so many fields cost one socket write', async () => {
    const body = createMultipartBody(
      [
        ...['acl', 'policy', 'key'].map((name) => ({ kind: 'field' as const, name, value: 'v' })),
        { kind: 'file', name: 'file', file: bytesFile('a.txt', 'abc') },
        { kind: 'field', name: 'after', value: 'w' },
      ],
      'B',
    )
    const chunks: string[] = []
    for await (const chunk of body.open()) chunks.push(String(chunk))
    expect(chunks).toHaveLength(3)
    expect(chunks[0]).toMatch(
      /^--B\r\n.*name="acl".*name="file"; filename="a.txt"\r\nContent-Type: text\/plain\r\n\r\n$/s,
    )
    expect(chunks[1]).toBe('abc')
    expect(chunks[2]).toBe('\r\n--B\r\nContent-Disposition: form-data; name="after"\r\n\r\nw\r\n--B--\r\n')
  })
})
