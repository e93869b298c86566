import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type RunningOnePageCrmMock, startOnePageCrmMock } from '@crmkit/mock-onepagecrm'
import { type RunningSharpSpringMock, startSharpSpringMock } from '@crmkit/mock-sharpspring'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/run-cli.js'
import { PNG_1X1, scratchDir } from './helpers.js'

function capture(isTTY = false) {
  let text = ''
  return { write: (chunk: string) => (text += chunk), isTTY, columns: 100, text: () => text }
}

describe('crmkit upload', () => {
  let sharpspring: RunningSharpSpringMock
  let onepagecrm: RunningOnePageCrmMock
  const scratch = scratchDir()
  beforeAll(async () => {
    ;[sharpspring, onepagecrm] = await Promise.all([startSharpSpringMock(), startOnePageCrmMock()])
  })
  afterAll(async () => {
    await Promise.all([sharpspring.close(), onepagecrm.close()])
    scratch.remove()
  })

  const sharpspringEnv = () => ({
    SHARPSPRING_ACCOUNT_ID: sharpspring.info.auth.accountId,
    SHARPSPRING_SECRET_KEY: sharpspring.info.auth.secretKey,
    SHARPSPRING_BASE_URL: sharpspring.info.api,
  })

  it('uploads to SharpSpring with credentials from the environment and prints JSON', async () => {
    const stdout = capture()
    const stderr = capture()
    const file = scratch.file('file1.png', PNG_1X1)
    const code = await runCli(
      [
        'upload',
        'sharpspring',
        '--object-type',
        'lead',
        '--field',
        sharpspring.demo.fileFields.lead,
        `${sharpspring.demo.leadId}=${file}`,
        '--json',
      ],
      { env: sharpspringEnv(), stdout, stderr },
    )
    expect(code).toBe(0)
    expect(JSON.parse(stdout.text())).toEqual([
      expect.objectContaining({ success: true, fileName: 'file1.png' }),
    ])
    expect(stderr.text()).toBe(
      `file1.png: 0% (0 of ${PNG_1X1.length} bytes)\nfile1.png: 100% (${PNG_1X1.length} of ${PNG_1X1.length} bytes)\n`,
    )
  })

  it('draws a progress bar on a terminal and attaches to OnePageCRM', async () => {
    const stdout = capture()
    const stderr = capture(true)
    const file = scratch.file('notes.txt', 'meeting notes')
    const code = await runCli(
      [
        'upload',
        'onepagecrm',
        '--contact',
        '5ae06ef9d55673108fe8877f',
        '--note',
        '5afc1b69d556730b580596cb',
        file,
      ],
      {
        env: {
          ONEPAGECRM_USER_ID: onepagecrm.info.auth.userId,
          ONEPAGECRM_API_KEY: onepagecrm.info.auth.apiKey,
          ONEPAGECRM_BASE_URL: onepagecrm.info.api,
        },
        stdout,
        stderr,
      },
    )
    expect(code).toBe(0)
    expect(stdout.text()).toMatch(/^notes\.txt \(13 bytes\) attached: [0-9a-f]{24}\n$/)
    expect(stderr.text()).toContain('\rnotes.txt')
    expect(stderr.text()).toContain('100%')
  })

  it('tells failure kinds apart by exit code, and never prints the secret', async () => {
    const run = async (argv: string[], env: Record<string, string> = sharpspringEnv()) => {
      const stdout = capture()
      const stderr = capture()
      const code = await runCli(argv, { env, stdout, stderr })
      return { code, stdout: stdout.text(), stderr: stderr.text() }
    }
    const image = scratch.file('p.png', PNG_1X1)
    expect((await run(['upload', 'sharpspring', '--product', String(sharpspring.demo.productId)])).code).toBe(
      2,
    )
    expect((await run(['upload', 'nowhere'])).code).toBe(2)
    expect((await run(['upload', 'sharpspring', '--bogus'])).code).toBe(2)
    const refused = await run(
      ['upload', 'sharpspring', '--product', String(sharpspring.demo.productId), image, '--json'],
      {
        ...sharpspringEnv(),
        SHARPSPRING_SECRET_KEY: 'NOT-THE-SECRET-42',
      },
    )
    expect(refused.code).toBe(3)
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'CRMKIT_SHARPSPRING_API', apiCode: 105 })
    expect(`${refused.stdout}${refused.stderr}`).not.toContain('NOT-THE-SECRET-42')
    expect((await run(['upload', 'sharpspring', '--product', '1', '/no/such.png'])).code).toBe(4)
    const offline = await run(['upload', 'sharpspring', '--product', '1', image, '--retries', '0'], {
      ...sharpspringEnv(),
      SHARPSPRING_BASE_URL: 'http://127.0.0.1:9/pubapi',
    })
    expect(offline.code).toBe(5)
  })

  it('runs as a binary: --help exits 0', async () => {
    const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--help'])
    expect(stdout).toContain('crmkit upload sharpspring')
  })
})
