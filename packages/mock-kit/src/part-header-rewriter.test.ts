import { describe, expect, it } from 'vitest'
import { PartHeaderRewriter } from './part-header-rewriter.js'

const isFile = (name: string) => name === 'file'

/** Everything the rewriter hands on for `body` written in pieces of `size` bytes. */
function rewrite(body: string, size: number, boundary = 'b'): string {
  const rewriter = new PartHeaderRewriter(boundary, isFile)
  const bytes = Buffer.from(body, 'latin1')
  const out: Buffer[] = []
  for (let at = 0; at < bytes.length; at += size) out.push(rewriter.write(bytes.subarray(at, at + size)))
  out.push(rewriter.end())
  return Buffer.concat(out).toString('latin1')
}

describe('PartHeaderRewriter', () => {
  const file =
    '--b\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: text/plain\r\n\r\nbytes\r\n--b--\r\n'
  const rewritten =
    '--b\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\nbytes\r\n--b--\r\n'

  it('makes the named part a file, however the body is split', () => {
    for (const size of [1, 2, 3, 7, 1000]) expect(rewrite(file, size)).toBe(rewritten)
  })

  it('leaves a part with a filename, and every part after the file, as they are', () => {
    const named = file.replace('name="file"', 'name="file"; filename="a.txt"')
    expect(rewrite(named, 5)).toBe(named)
    const after = `${rewritten.slice(0, -'--b--\r\n'.length)}--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--b--\r\n`
    expect(rewrite(after, 4)).toBe(after)
  })

  it('never takes the boundary inside a value for a part', () => {
    const body = `--b\r\nContent-Disposition: form-data; name="key"\r\n\r\nx--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nstill the value\r\n--b--\r\n`
    expect(rewrite(body, 3)).toBe(body)
  })

  it('reads the name as busboy does: quoted-pairs, folded lines, UTF-8', () => {
    const escaped = file.replace('name="file"', 'name="fi\\le"')
    expect(rewrite(escaped, 6)).toContain('Content-Type: application/octet-stream')
    const folded = file.replace('form-data; name="file"', 'form-data;\r\n name="file"')
    expect(rewrite(folded, 6)).toContain('Content-Type: application/octet-stream')
    const rewriter = new PartHeaderRewriter('b', (name) => name === 'fïle')
    const utf8 = Buffer.from(file.replace('name="file"', 'name="fïle"'))
    expect(Buffer.concat([rewriter.write(utf8), rewriter.end()]).toString()).toContain(
      'application/octet-stream',
    )
  })

  it('costs linear time on a long head sent a byte at a time', () => {
    const field = (i: number) =>
      `--b\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\n${'v'.repeat(200)}\r\n`
    const head = Array.from({ length: 1000 }, (_, i) => field(i)).join('')
    const started = process.cpuUsage()
    expect(rewrite(`${head}${file}`, 1)).toBe(`${head}${rewritten}`)
    // About 250 KB a byte at a time: a fraction of a second of CPU when linear, over a minute when
    // quadratic. CPU time rather than wall time, so that a busy machine does not fail it.
    const { user, system } = process.cpuUsage(started)
    expect((user + system) / 1000).toBeLessThan(10_000)
  }, 60_000)
})
