import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCliOptions } from '../src/cli-options.js'

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

describe('CLI', () => {
  it('prints one JSON line once listening, serves the API and S3, and stops cleanly on SIGTERM', async () => {
    expect(existsSync(CLI), 'run the build first (turbo does)').toBe(true)
    const child = spawn(
      process.execPath,
      [CLI, '--json', '--s3-port', '0', '--s3-bucket', 'cli-bucket', '--api-key', 'cli-key'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).once('line', resolve),
    )
    const info = JSON.parse(line)
    expect(info).toMatchObject({
      service: 'onepagecrm',
      s3: { region: 'eu-central-1', bucket: 'cli-bucket', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      auth: { userId: '5aba31e99007ba0f570c12f7', apiKey: 'cli-key' },
    })
    expect(info.s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(info.api).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/)
    const basic = Buffer.from(`${info.auth.userId}:${info.auth.apiKey}`).toString('base64')
    const bootstrap = await fetch(`${info.api}/bootstrap.json`, {
      headers: { Authorization: `Basic ${basic}` },
    })
    expect(await bootstrap.json()).toMatchObject({ status: 0, data: { user_id: info.auth.userId } })
    const preflight = await fetch(`${info.s3.endpoint}/cli-bucket`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://x.test' },
    })
    expect(preflight.status).toBe(200)
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })

  it('reads flags, falls back to CRMKIT_* variables, and names a bad value', () => {
    const options = parseCliOptions(
      ['--s3-port', '4569', '--s3-bucket', 'a-bucket', '--s3-bucket', 'b-bucket'],
      {
        CRMKIT_S3_REGION: 'us-west-2',
        CRMKIT_HOST: '0.0.0.0',
      },
    )
    expect(options.start).toMatchObject({
      host: '0.0.0.0',
      s3Port: 4569,
      s3: { region: 'us-west-2', buckets: ['a-bucket', 'b-bucket'] },
    })
    expect(() => parseCliOptions(['--s3-port', 'http'])).toThrow("--s3-port: 'http' is not a port number")
    expect(() => parseCliOptions(['--s3-bucket', 'Bad_Bucket'])).toThrow('not a valid S3 bucket name')
    expect(() => parseCliOptions(['--nope'])).toThrow()
    expect(() => parseCliOptions(['--user-id', 'jane'])).toThrow("--user-id: 'jane' is not a 24-character")
    expect(() => parseCliOptions(['--seed', '/nonexistent/seed.json'])).toThrow('--seed: cannot read')
    expect(parseCliOptions(['--port', '4568', '--throttle', '--form-ttl', '60']).start).toMatchObject({
      port: 4568,
      api: { throttle: true, formTtlSeconds: 60 },
    })
  })
})
