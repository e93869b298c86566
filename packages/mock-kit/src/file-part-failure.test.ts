import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { filePartFailure } from './file-part-failure.js'
import type { MultipartFile } from './multipart.js'
import { MultipartError } from './multipart-error.js'

const part = (errored?: Error): MultipartFile => {
  const stream = new PassThrough()
  if (errored !== undefined) {
    stream.on('error', () => undefined)
    stream.destroy(errored)
  }
  return { kind: 'file', name: 'file', filename: 'a.txt', contentType: 'text/plain', stream }
}

describe('filePartFailure', () => {
  it("gives the parser's failure of the part, whatever the pipeline reported", () => {
    const cut = new MultipartError('aborted', 'gone')
    expect(filePartFailure(part(cut), new Error('premature close'))).toBe(cut)
    expect(filePartFailure(part(), cut)).toBe(cut)
  })

  it('makes a premature close a malformed body, and leaves any other error as it is', () => {
    const early = Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })
    expect(filePartFailure(part(), early)).toMatchObject({ kind: 'malformed', cause: early })
    const disk = Object.assign(new Error('no space left'), { code: 'ENOSPC' })
    expect(filePartFailure(part(), disk)).toBe(disk)
  })
})
