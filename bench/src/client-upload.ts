import { execFile } from 'node:child_process'
import { createReadStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { createOnePageCrmClient, createSharpSpringClient } from '@crmkit/upload-client'
import { request } from 'undici'
import { startTarget } from './processes.js'
import { median } from './stats.js'

// `pnpm bench` part 2: the upload client. (1) Its peak memory while streaming 1 GiB to the SharpSpring mock,
// from a path and from a stream, each in a fresh process (target: rise ≤ 64 MiB). (2) The time of its
// three-step OnePageCRM upload of a 10 MiB file against the same three requests written by hand with
// undici.request (target: ratio ≤ 1.10). Figures, never timed tests.

const BIG_MIB = Number(process.env.BENCH_CLIENT_MIB ?? 1024)
const RUNS = Number(process.env.BENCH_CLIENT_RUNS ?? 30)
const here = fileURLToPath(new URL('.', import.meta.url))
const scratch = join(here, '..', '.bench-tmp')
const mocksCli = join(
  dirname(fileURLToPath(import.meta.resolve('@crmkit/mocks/package.json'))),
  'bin',
  'crmkit-mocks.js',
)

/** Starts one service with `crmkit-mocks <service> --json` in its own process and hands back its entry. */
async function startMock<T>(service: 'sharpspring' | 'onepagecrm', args: string[]) {
  let ready: T | undefined
  const ports = ['--sharpspring-port', '0', '--onepagecrm-port', '0', '--s3-port', '0']
  const target = await startTarget(service, [mocksCli, service, '--json', ...ports, ...args], (line) => {
    ready = line[service] as T
    return String((ready as { api: string }).api)
  })
  return { target, ready: ready as T }
}

rmSync(scratch, { recursive: true, force: true })
mkdirSync(scratch, { recursive: true })

async function memory(): Promise<void> {
  const { target: sharpspring, ready } = await startMock<{
    api: string
    credentials: { accountId: string; secretKey: string }
  }>('sharpspring', ['--max-file-mib', String(BIG_MIB + 1)])
  try {
    const client = createSharpSpringClient({
      ...ready.credentials,
      baseUrl: ready.api,
    })
    const fields = await client.call<{
      field: Array<{ systemName: string; relationship: string; dataType: string }>
    }>('getFields', { where: {} })
    const leads = await client.call<{ lead: Array<{ id: string }> }>('getLeads', { where: {}, limit: 1 })
    const fileField = fields.field.find(
      (field) => field.relationship === 'lead' && field.dataType === 'upload',
    )?.systemName
    const worker = { api: ready.api, auth: ready.credentials, fileField, leadId: Number(leads.lead[0]?.id) }
    const path = join(scratch, 'big.bin')
    const handle = await open(path, 'w')
    const chunk = Buffer.alloc(4 * 2 ** 20, 5)
    for (let i = 0; i < BIG_MIB / 4; i++) await handle.write(chunk)
    await handle.close()
    const size = statSync(path).size
    for (const mode of ['path', 'stream']) {
      const { stdout } = await promisify(execFile)(process.execPath, [
        '--expose-gc',
        join(here, 'client-memory-worker.js'),
        mode,
        JSON.stringify(worker),
        path,
        String(size),
      ])
      const figures = JSON.parse(stdout) as {
        baselineMiB: number
        peakMiB: number
        riseMiB: number
        seconds: number
        atPeak: Record<string, number>
      }
      console.log(
        `client memory, ${BIG_MIB} MiB from a ${mode}: baseline ${figures.baselineMiB.toFixed(1)} MiB, peak ${figures.peakMiB.toFixed(1)} MiB, rise ${figures.riseMiB.toFixed(1)} MiB (target ≤ 64), ${(size / 2 ** 20 / figures.seconds).toFixed(0)} MiB/s; at the peak ${JSON.stringify(figures.atPeak)}`,
      )
    }
  } finally {
    await sharpspring.stop()
  }
}

interface OnePageCrmReady {
  api: string
  credentials: { userId: string; apiKey: string }
}

const CONTACT = '5ae06ef9d55673108fe8877f'
const NOTE = '5afc1b69d556730b580596cb'

/** OnePageCRM's three upload requests written by hand with undici.request: the yardstick for the client. */
async function byHand(ready: OnePageCrmReady, path: string, size: number): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${ready.credentials.userId}:${ready.credentials.apiKey}`).toString('base64')}`
  const formAnswer = await request(`${ready.api}/attachments/s3_form?contact_id=${CONTACT}`, {
    headers: { authorization },
  })
  const form = (
    (await formAnswer.body.json()) as { data: { url: string; fields: Record<string, string | number> } }
  ).data
  const key = form.fields['x-ignore-pattern']
    ?.toString()
    .replace('__timestamp__', String(Math.floor(Date.now() / 1000)))
    .replace('${filename}', 'ten.bin') as string
  const boundary = '----handwritten7d0e8a1f'
  const names = [
    'acl',
    'success_action_status',
    'policy',
    'x-amz-credential',
    'x-amz-algorithm',
    'x-amz-date',
    'x-amz-signature',
  ]
  const head = Buffer.from(
    [...names.map((name) => [name, String(form.fields[name])]), ['key', key], ['filename', 'ten.bin']]
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ten.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  async function* body() {
    yield head
    yield* createReadStream(path, { highWaterMark: 256 * 1024 })
    yield tail
  }
  const s3 = await request(form.url, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + size + tail.length),
    },
    body: Readable.from(body()),
  })
  await s3.body.text()
  if (s3.statusCode !== 201) throw new Error(`S3 answered ${s3.statusCode}`)
  const attach = await request(`${ready.api}/attachments`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({
      reference_id: NOTE,
      reference_type: 'note',
      contact_id: CONTACT,
      name: 'ten.bin',
      key,
      size,
    }),
  })
  await attach.body.json()
  if (attach.statusCode !== 201) throw new Error(`POST /attachments answered ${attach.statusCode}`)
}

async function threeSteps(): Promise<void> {
  const { target, ready } = await startMock<OnePageCrmReady>('onepagecrm', ['--no-journal-digests'])
  try {
    const path = join(scratch, 'ten.bin')
    writeFileSync(path, Buffer.alloc(10 * 2 ** 20, 3))
    const size = statSync(path).size
    const client = createOnePageCrmClient({ ...ready.credentials, baseUrl: ready.api })
    const reset = () =>
      request(ready.api.replace(/\/api\/v3$/, '/__admin/reset'), { method: 'POST' }).then((r) =>
        r.body.text(),
      )
    const timings = { client: [] as number[], hand: [] as number[] }
    const once = async (kind: 'client' | 'hand') => {
      await reset()
      const started = process.hrtime.bigint()
      if (kind === 'client') {
        await client.uploadAttachment({
          contactId: CONTACT,
          file: path,
          attachTo: { type: 'note', id: NOTE },
        })
      } else {
        await byHand(ready, path, size)
      }
      return Number(process.hrtime.bigint() - started) / 1e6
    }
    for (let i = 0; i < 3; i++) {
      await once('client')
      await once('hand')
    }
    // Alternate, and swap which goes first each round, so drift in the machine's speed and any
    // after-effect of the previous upload touch both alike.
    for (let i = 0; i < RUNS; i++) {
      for (const kind of i % 2 === 0 ? (['client', 'hand'] as const) : (['hand', 'client'] as const)) {
        timings[kind].push(await once(kind))
      }
    }
    const client_ = median(timings.client)
    const hand = median(timings.hand)
    console.log(
      `three-step OnePageCRM upload of 10 MiB, median of ${RUNS}: client ${client_.toFixed(1)} ms, by hand with undici.request ${hand.toFixed(1)} ms, ratio ${(client_ / hand).toFixed(3)} (target ≤ 1.10)`,
    )
  } finally {
    await target.stop()
  }
}

try {
  // The timing first: the memory runs leave gigabytes of dirty pages that the kernel writes back for a
  // while, which skews whatever runs next.
  await threeSteps()
  await memory()
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
