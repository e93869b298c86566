import { describe, expect, it } from 'vitest'
import { readCliArgs } from './cli-args.js'

const spec = {
  port: { type: 'string' },
  bucket: { type: 'string', multiple: true },
  fast: { type: 'boolean' },
} as const

describe('readCliArgs', () => {
  it('names the options an unknown one may have meant, without advice about positionals', () => {
    const spec = { 'sharpspring-port': { type: 'string' }, 's3-port': { type: 'string' } } as const
    expect(() => readCliArgs(['--port', '1'], {}, spec)).toThrow(
      /^Unknown option '--port'\. Did you mean --sharpspring-port, --s3-port\?$/,
    )
    expect(() => readCliArgs(['--bogus'], {}, spec)).toThrow(/^Unknown option '--bogus'\.$/)
  })

  it('prefers flags, falls back to CRMKIT_* variables, and names a bad port or an unknown option', () => {
    const args = readCliArgs(
      ['--bucket', 'a', '--bucket', 'b'],
      { CRMKIT_PORT: '4570', CRMKIT_FAST: '1', CRMKIT_JSON: '1' },
      spec,
    )
    expect([args.port('port'), args.list('bucket'), args.flag('fast'), args.json, args.help]).toEqual([
      4570,
      ['a', 'b'],
      true,
      true,
      false,
    ])
    expect(readCliArgs([], { CRMKIT_BUCKET: 'x,y' }, spec).list('bucket')).toEqual(['x', 'y'])
    expect(readCliArgs(['-h'], {}, spec).port('port')).toBe(0)
    expect([
      readCliArgs(['-v'], {}, spec).version,
      readCliArgs([], { CRMKIT_VERSION: '1' }, spec).version,
    ]).toEqual([true, false])
    expect(() => readCliArgs(['--port', '70000'], {}, spec).port('port')).toThrow(
      "--port: '70000' is not a port number",
    )
    expect(() => readCliArgs(['--nope'], {}, spec)).toThrow()
  })
})
