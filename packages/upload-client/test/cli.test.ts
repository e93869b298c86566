import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type RunningOnePageCrmMock, startOnePageCrmMock } from '@crmkit/mock-onepagecrm'
import { type RunningSharpSpringMock, startSharpSpringMock } from '@crmkit/mock-sharpspring'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HELP } from '../src/cli/help.js'
import { type CliIo, runCli } from '../src/cli/run-cli.js'
import { armFault, PNG_1X1, scratchDir } from './helpers.js'

const VERSION = '9.8.7-test'
const CONTACT = '5ae06ef9d55673108fe8877f'
const NOTE = '5afc1b69d556730b580596cb'
const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

function capture(isTTY = false) {
  let text = ''
  return { write: (chunk: string) => (text += chunk), isTTY, columns: 100, text: () => text }
}

describe('crmkit upload', () => {
  let sharpspring: RunningSharpSpringMock
  let onepagecrm: RunningOnePageCrmMock
  const scratch = scratchDir()
  beforeAll(async () => {
    ;[sharpspring, onepagecrm] = await Promise.all([
      startSharpSpringMock({ config: { maxFileBytes: 1024 * 1024 } }),
      startOnePageCrmMock(),
    ])
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
  const onepagecrmEnv = () => ({
    ONEPAGECRM_USER_ID: onepagecrm.info.auth.userId,
    ONEPAGECRM_API_KEY: onepagecrm.info.auth.apiKey,
    ONEPAGECRM_BASE_URL: onepagecrm.info.api,
  })
  /** `crmkit upload sharpspring` of one file to the demo lead, into `field` (default its File Upload field). */
  const uploadToLead = (file: string, field = sharpspring.demo.fileFields.lead) => [
    'upload',
    'sharpspring',
    '--object-type',
    'lead',
    '--field',
    field,
    `${sharpspring.demo.leadId}=${file}`,
  ]
  const run = async (argv: string[], env: CliIo['env'] = sharpspringEnv(), isTTY = false) => {
    const stdout = capture()
    const stderr = capture(isTTY)
    const code = await runCli(argv, { version: VERSION, env, stdout, stderr })
    return { code, stdout: stdout.text(), stderr: stderr.text() }
  }

  it('uploads to SharpSpring with credentials from the environment and prints JSON', async () => {
    const stdout = capture()
    const stderr = capture()
    const file = scratch.file('file1.png', PNG_1X1)
    const code = await runCli([...uploadToLead(file), '--json'], {
      version: VERSION,
      env: sharpspringEnv(),
      stdout,
      stderr,
    })
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
      { version: VERSION, env: onepagecrmEnv(), stdout, stderr },
    )
    expect(code).toBe(0)
    expect(stdout.text()).toMatch(/^notes\.txt \(13 bytes\) attached: [0-9a-f]{24}\n$/)
    expect(stderr.text()).toContain('\rnotes.txt')
    expect(stderr.text()).toContain('100%')
  })

  it('tells failure kinds apart by exit code, and never prints the secret', async () => {
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

  it("prints SharpSpring's reason from the error's data, sizes in human units with the limit", async () => {
    const small = scratch.file('small.txt', 'hello')
    const field = await run([...uploadToLead(small, 'no_such_field'), '--quiet'])
    expect(field.code).toBe(3)
    expect(field.stderr).toMatch(
      /^crmkit: SharpSpring uploadFiles failed: 205 Invalid parameters: fieldSystemName 'no_such_field': no such field: POST http/,
    )
    const big = scratch.file('big.bin', Buffer.alloc(2 * 1024 * 1024 + 5))
    const tooLarge = await run([...uploadToLead(big), '--quiet'])
    expect(tooLarge.code).toBe(3)
    expect(tooLarge.stderr).toContain(
      "1 of 1 objects failed: 205 Invalid parameters: fileName 'big.bin': 2 MiB (2097157 bytes), over the 1 MiB (1048576 bytes) limit",
    )
    const notImage = await run([
      'upload',
      'sharpspring',
      '--product',
      String(sharpspring.demo.productId),
      small,
    ])
    expect(notImage.stderr).toContain(
      '205 Invalid parameters: productImage: not an image: PNG, JPEG, GIF or WebP expected',
    )
    expect(`${field.stderr}${tooLarge.stderr}${notImage.stderr}`).not.toContain(
      sharpspring.info.auth.secretKey,
    )
  })

  it("says a file over the S3 form's limit was not sent, with its size and the allowed range", async () => {
    const huge = scratch.file('huge.bin', Buffer.alloc(10 * 1024 * 1024 + 1))
    const refused = await run(
      ['upload', 'onepagecrm', '--contact', CONTACT, '--note', NOTE, huge],
      onepagecrmEnv(),
    )
    expect(refused.code).toBe(4)
    expect(refused.stderr).toBe(
      'crmkit: huge.bin was not sent: it is 10 MiB (10485761 bytes); the upload form allows 0 bytes to 10 MiB (10485760 bytes) [EntityTooLarge]\n',
    )
  })

  it('announces each retry and its wait on a line of its own, on a terminal, in logs and with --json', async () => {
    const path = '/api/v3/attachments'
    const file = scratch.file('retry.txt', 'throttled once')
    const argv = ['upload', 'onepagecrm', '--contact', CONTACT, '--note', NOTE, file]
    const admin = onepagecrm.info.api.replace(/\/api\/v3$/, '')
    const line = 'retrying in 1 s (OnePageCRM throttled: 403), attempt 2 of 4\n'

    await armFault(admin, { fault: 'throttle', method: 'POST', path, times: 1, retryAfter: 1 })
    const logged = await run(argv, onepagecrmEnv())
    expect(logged.code).toBe(0)
    expect(logged.stderr).toBe(`retry.txt: 0% (0 of 14 bytes)\nretry.txt: 100% (14 of 14 bytes)\n${line}`)

    await armFault(admin, { fault: 'throttle', method: 'POST', path, times: 1, retryAfter: 1 })
    const terminal = await run(argv, onepagecrmEnv(), true)
    expect(terminal.code).toBe(0)
    expect(terminal.stderr).toMatch(/100% [^\n]*\n/)
    expect(terminal.stderr.endsWith(`\n${line}`)).toBe(true)

    // --json keeps stdout to the one result line; the retry is told on stderr like the progress.
    await armFault(admin, { fault: 'throttle', method: 'POST', path, times: 1, retryAfter: 1 })
    const json = await run([...argv, '--json'], onepagecrmEnv())
    expect(json.stdout.trim().split('\n')).toHaveLength(1)
    expect(JSON.parse(json.stdout).attachment.filename).toBe('retry.txt')
    expect(json.stderr).toContain(line)

    await armFault(admin, { fault: 'throttle', method: 'POST', path, times: 1, retryAfter: 1 })
    expect((await run([...argv, '--quiet'], onepagecrmEnv())).stderr).toBe('')
  })

  it('prints its version for --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      expect(await run([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
    }
  })

  it("prints usage errors as the mocks' CLIs do: the message, a blank line, the usage; exit 2", async () => {
    const cases: Array<[string[], string]> = [
      [['upload', 'sharpspring', '--bogus'], "Unknown option '--bogus'"],
      [['upload', 'sharpspring', '--field'], "Option '--field <value>' argument missing"],
      [['uplod', 'sharpspring'], "command: 'uplod' is not a command; the command is upload"],
      [[], 'command: missing; the command is upload'],
      [['upload'], 'service: missing; give sharpspring or onepagecrm'],
      [['upload', 'nowhere'], "service: 'nowhere' is not sharpspring or onepagecrm"],
    ]
    for (const [argv, message] of cases) {
      const result = await run(argv)
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr.startsWith(`crmkit: ${message}`)).toBe(true)
      expect(result.stderr.endsWith(`\n\n${HELP}\n`)).toBe(true)
    }
  })

  it('runs as a binary: --help exits 0, --version prints the version in its package.json', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--help'])
    expect(stdout).toContain('crmkit upload sharpspring')
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    expect((await promisify(execFile)(process.execPath, [bin, '--version'])).stdout).toBe(`${version}\n`)
    const usage = await promisify(execFile)(process.execPath, [bin, 'upload', '--bogus']).catch((e) => e)
    expect(usage).toMatchObject({ code: 2, stdout: '' })
    expect(usage.stderr).toMatch(/^crmkit: Unknown option '--bogus'.*\n\nUsage:\n/s)
  })
})
