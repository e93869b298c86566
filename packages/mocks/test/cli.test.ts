import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { MocksInfo } from '../src/index.js'

const BIN = fileURLToPath(new URL('../bin/crmkit-mocks.js', import.meta.url))
const FREE_PORTS = ['--sharpspring-port', '0', '--onepagecrm-port', '0', '--s3-port', '0']

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

function run(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  children.push(child)
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const firstLine = new Promise<string>((resolve) =>
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve),
  )
  return { child, exit, firstLine, stderr: () => stderr }
}

describe('crmkit-mocks', () => {
  it('starts every service, prints one JSON ready line with URLs, credentials and demo ids, and exits 0 on SIGTERM', async () => {
    const cli = run(['--json', ...FREE_PORTS])
    const info = JSON.parse(await cli.firstLine) as MocksInfo
    expect(Object.keys(info).sort()).toEqual(['onepagecrm', 's3', 'sharpspring'])
    const { sharpspring, onepagecrm, s3 } = info as Required<MocksInfo>
    for (const url of [sharpspring.url, onepagecrm.url, s3.url]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await (await fetch(`${url}/__admin/health`)).json()).toMatchObject({ status: 'ok' })
    }
    expect(onepagecrm.demo).toEqual({
      userId: '5aba31e99007ba0f570c12f7',
      contactId: '5ae06ef9d55673108fe8877f',
      dealId: '5aaa9b059007ba08c9ebaf58',
      noteId: '5afc1b69d556730b580596cb',
      actionId: '5aeac8789007ba56ffca92b9',
    })
    expect(s3).toMatchObject({ bucket: 'onepagecrm-up-eu-central-1', region: 'eu-central-1' })

    const { accountId, secretKey } = sharpspring.credentials
    const lead = await fetch(`${sharpspring.api}/v1/?accountID=${accountId}&secretKey=${secretKey}`, {
      method: 'POST',
      body: JSON.stringify({ method: 'getLead', params: { id: sharpspring.demo.leadId }, id: 'x' }),
    })
    expect(await lead.json()).toMatchObject({ result: { lead: [{ id: String(sharpspring.demo.leadId) }] } })
    const basic = Buffer.from(`${onepagecrm.credentials.userId}:${onepagecrm.credentials.apiKey}`)
    const form = await fetch(
      `${onepagecrm.api}/attachments/s3_form.json?contact_id=${onepagecrm.demo.contactId}`,
      {
        headers: { Authorization: `Basic ${basic.toString('base64')}` },
      },
    )
    expect(await form.json()).toMatchObject({ data: { url: `${s3.url}/${s3.bucket}/` } })

    cli.child.kill('SIGTERM')
    expect(await cli.exit).toBe(0)
  })

  it('starts only the services named, onepagecrm with its S3 emulator, and exits 0 on SIGINT', async () => {
    const one = run(['sharpspring', '--json', ...FREE_PORTS])
    expect(Object.keys(JSON.parse(await one.firstLine))).toEqual(['sharpspring'])
    one.child.kill('SIGINT')
    expect(await one.exit).toBe(0)
    const two = run(['onepagecrm', '--json'], {
      CRMKIT_ONEPAGECRM_PORT: '0',
      CRMKIT_S3_PORT: '0',
      CRMKIT_SHARPSPRING_PORT: '0',
    })
    expect(Object.keys(JSON.parse(await two.firstLine)).sort()).toEqual(['onepagecrm', 's3'])
    two.child.kill('SIGINT')
    expect(await two.exit).toBe(0)
  })

  it('gives the same demo ids and field names on every start', async () => {
    const first = run(['sharpspring', '--json', ...FREE_PORTS])
    const a = JSON.parse(await first.firstLine) as Required<MocksInfo>
    const second = run(['sharpspring', '--json', ...FREE_PORTS])
    const b = JSON.parse(await second.firstLine) as Required<MocksInfo>
    expect(b.sharpspring.demo).toEqual(a.sharpspring.demo)
    expect(a.sharpspring.demo.fileFields.lead).toMatch(/^Documents_[0-9a-f]{13}$/)
  })

  it('prints its version, and refuses a bad option or service with the usage and exit 2', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    const version = run(['--version'])
    expect(await version.firstLine).toBe(manifest.version)
    expect(await version.exit).toBe(0)
    for (const args of [['--port', '4000'], ['hubspot'], ['--s3-port', 'x'], ['--user-id', 'jane']]) {
      const bad = run(args)
      expect(await bad.exit).toBe(2)
      expect(bad.stderr()).toMatch(/^crmkit-mocks: .+\n\nUsage: crmkit-mocks/)
    }
  })

  it('says which service cannot have its port, and exits 1', async () => {
    const taken = createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
    const port = (taken.address() as { port: number }).port
    try {
      const cli = run(['sharpspring', '--sharpspring-port', String(port)])
      expect(await cli.exit).toBe(1)
      expect(cli.stderr()).toContain(`crmkit-mocks: sharpspring cannot listen on 127.0.0.1:${port}`)
      expect(cli.stderr()).toContain('0 for a free one')
    } finally {
      taken.close()
    }
  })
})

describe('crmkit-mocks behind a package script', () => {
  it('takes its options after a leading `--`, as pnpm 10 passes them on', async () => {
    const cli = run(['--', 'sharpspring', '--json', ...FREE_PORTS])
    expect(Object.keys(JSON.parse(await cli.firstLine))).toEqual(['sharpspring'])
    cli.child.kill('SIGTERM')
    expect(await cli.exit).toBe(0)
  })
})
