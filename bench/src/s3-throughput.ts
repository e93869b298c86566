import { createHash, randomBytes } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_BUCKET,
  DEFAULT_REGION,
  DEFAULT_SECRET_ACCESS_KEY,
} from '@crmkit/mock-onepagecrm'
import { createPresignedPost } from '@crmkit/s3-post-policy'
import { type CpuTime, runCurl, startTarget, type Target } from './processes.js'

// Throughput of the S3 emulator on 200 sequential 10 MiB uploads with full policy checks, against MD5 alone
// (the ceiling for any S3 that computes ETags), a bare node:http server that discards the body, and s3rver;
// then the server's peak memory for 1 GiB within and over a 10 MiB limit. curl is the client throughout.

const MiB = 1024 * 1024
const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const SIZE = 10 * MiB
const BIG = Number(process.env.BENCH_BIG_MIB ?? 1024) * MiB
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

const here = dirname(fileURLToPath(import.meta.url))
// The published command, started with the S3 emulator alone: `crmkit-mocks s3 --json --s3-port 0`.
const mocksCli = join(
  dirname(fileURLToPath(import.meta.resolve('@crmkit/mocks/package.json'))),
  'bin',
  'crmkit-mocks.js',
)
const work = mkdtempSync(join(tmpdir(), 'crmkit-bench-'))

function writeFile(path: string, size: number): void {
  const block = randomBytes(MiB)
  const fd = openSync(path, 'w')
  for (let written = 0; written < size; written += MiB) writeSync(fd, block, 0, Math.min(MiB, size - written))
  closeSync(fd)
}

function md5Alone(path: string): number {
  const data = readFileSync(path)
  const started = process.hrtime.bigint()
  for (let run = 0; run < RUNS; run++) {
    const hash = createHash('md5')
    for (let offset = 0; offset < data.length; offset += 64 * 1024)
      hash.update(data.subarray(offset, offset + 64 * 1024))
    hash.digest()
  }
  return (RUNS * data.length) / MiB / (Number(process.hrtime.bigint() - started) / 1e9)
}

const quote = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`

function curlConfig(
  name: string,
  url: string,
  fields: Record<string, string>,
  file: string,
  count: number,
): string {
  const section = [
    `url = ${quote(url)}`,
    ...Object.entries(fields).map(([field, value]) => `form-string = ${quote(`${field}=${value}`)}`),
    `form = ${quote(`file=@${file}`)}`,
    'output = "/dev/null"',
    'write-out = "%{http_code}\\n"',
  ].join('\n')
  const path = join(work, `${name}.curlrc`)
  writeFileSync(path, Array.from({ length: count }, () => section).join('\nnext\n'))
  return path
}

async function emulatorForm(maxSize: number): Promise<Record<string, string>> {
  const { fields } = await createPresignedPost({
    bucket: DEFAULT_BUCKET,
    key: 'bench/${filename}',
    region: DEFAULT_REGION,
    now: new Date(),
    expiresIn: 3600,
    credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
    conditions: [
      ['content-length-range', 0, maxSize],
      ['starts-with', '$Content-Type', ''],
    ],
    fields: { 'Content-Type': 'application/octet-stream', success_action_status: '201' },
  })
  return fields
}

/** The bucket's URL from `crmkit-mocks --json`'s ready line: `{"s3": {"url", "bucket", ...}}`. */
function bucketUrl(ready: Record<string, unknown>): string {
  const s3 = ready.s3 as { url: string; bucket: string } | undefined
  if (s3 === undefined) throw new Error(`no s3 in the ready line: ${JSON.stringify(ready)}`)
  return `${s3.url}/${s3.bucket}`
}

const starters: Record<string, () => Promise<Target>> = {
  bare: () => startTarget('bare node:http', [join(here, 'bare-server.js')], (ready) => String(ready.url)),
  s3rver: () => startTarget('s3rver', [join(here, 's3rver-server.js')], (ready) => String(ready.url)),
  // The peers keep no request journal; the emulator's journal still records every part's size.
  emulator: () =>
    startTarget(
      'crmkit S3 emulator',
      [mocksCli, 's3', '--json', '--s3-port', '0', '--no-journal-digests'],
      bucketUrl,
    ),
  // As started by default: the journal also hashes every part with SHA-256.
  digests: () =>
    startTarget(
      'crmkit S3 emulator, journal digests on',
      [mocksCli, 's3', '--json', '--s3-port', '0'],
      bucketUrl,
    ),
}

interface Throughput {
  readonly mibPerSecond: number
  /** The server's CPU seconds per GiB uploaded, user and system. */
  readonly cpuPerGiB?: CpuTime
}

async function throughput(name: string, fields: Record<string, string>, file: string): Promise<Throughput> {
  const target = await (starters[name] as () => Promise<Target>)()
  try {
    const before = target.cpuTime()
    const { statuses, seconds } = await runCurl(curlConfig(name, target.url, fields, file, RUNS))
    const after = target.cpuTime()
    const failed = statuses.filter((status) => !/^20\d$/.test(status))
    if (statuses.length !== RUNS || failed.length > 0)
      throw new Error(`${name}: unexpected answers ${failed.slice(0, 3).join(', ')}`)
    const gib = (RUNS * SIZE) / (1024 * MiB)
    return {
      mibPerSecond: (RUNS * SIZE) / MiB / seconds,
      cpuPerGiB: { user: (after.user - before.user) / gib, system: (after.system - before.system) / gib },
    }
  } finally {
    await target.stop()
  }
}

async function peakMemory(
  name: string,
  fields: Record<string, string>,
  file: string,
  expected: string,
): Promise<number> {
  const target = await (starters[name] as () => Promise<Target>)()
  try {
    const { statuses } = await runCurl(curlConfig(`${name}-big`, target.url, fields, file, 1))
    if (statuses[0] !== expected) throw new Error(`${name}: answered ${statuses[0]}, expected ${expected}`)
    return target.peakMemoryMiB()
  } finally {
    await target.stop()
  }
}

async function main(): Promise<void> {
  const small = join(work, 'ten-mib.bin')
  const big = join(work, 'one-gib.bin')
  writeFile(small, SIZE)
  writeFile(big, BIG)
  const fieldsSmall = await emulatorForm(SIZE + MiB)
  const plainFields = { key: 'bench/ten-mib.bin', 'Content-Type': 'application/octet-stream' }

  console.log(
    `S3 POST throughput: ${RUNS} sequential uploads of ${SIZE / MiB} MiB, curl as the client, Node ${process.version}`,
  )
  const best: Record<string, number> = { md5: 0, bare: 0, s3rver: 0, emulator: 0, digests: 0 }
  const cpu = (figure: Throughput) =>
    figure.cpuPerGiB === undefined
      ? ''
      : ` (server CPU ${figure.cpuPerGiB.user.toFixed(2)} user + ${figure.cpuPerGiB.system.toFixed(2)} sys s/GiB)`
  for (let round = 1; round <= ROUNDS; round++) {
    const figures: Record<string, Throughput> = {
      md5: { mibPerSecond: md5Alone(small) },
      bare: await throughput('bare', plainFields, small),
      s3rver: await throughput('s3rver', plainFields, small),
      emulator: await throughput('emulator', fieldsSmall, small),
      digests: await throughput('digests', fieldsSmall, small),
    }
    console.log(`  round ${round}:`)
    for (const [name, figure] of Object.entries(figures)) {
      best[name] = Math.max(best[name] ?? 0, figure.mibPerSecond)
      console.log(`    ${name.padEnd(9)} ${figure.mibPerSecond.toFixed(0).padStart(6)} MiB/s${cpu(figure)}`)
    }
  }
  const row = (label: string, value: number) =>
    console.log(
      `  ${label.padEnd(40)} ${value.toFixed(0).padStart(6)} MiB/s   ${(value / (best.md5 ?? 1)).toFixed(2)}x MD5`,
    )
  console.log('Best of the rounds:')
  row('MD5 alone, in process (the ceiling)', best.md5 ?? 0)
  row('bare node:http, body discarded', best.bare ?? 0)
  row('s3rver 3.7.1 (no policy checks)', best.s3rver ?? 0)
  row('crmkit S3 emulator (full policy checks)', best.emulator ?? 0)
  row('  the same, journal SHA-256 on (default)', best.digests ?? 0)
  const vsMd5 = (best.emulator ?? 0) / (best.md5 ?? 1)
  const vsS3rver = (best.emulator ?? 0) / (best.s3rver ?? 1)
  console.log(
    `  emulator / MD5 alone = ${vsMd5.toFixed(2)} (target >= 0.61)   emulator / s3rver = ${vsS3rver.toFixed(2)} (target >= 2.04)`,
  )

  console.log(`Peak server memory (VmHWM) for one ${BIG / MiB} MiB upload:`)
  const bare = await peakMemory('bare', plainFields, big, '204')
  const within = await peakMemory('emulator', await emulatorForm(2 * BIG), big, '201')
  const over = await peakMemory('emulator', await emulatorForm(SIZE), big, '400')
  const signed = (value: number) => `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(1)}`
  console.log(`  bare node:http                          ${bare.toFixed(1)} MiB`)
  console.log(
    `  emulator, within its limit (stored)     ${within.toFixed(1)} MiB   (${signed(within - bare)} MiB)`,
  )
  console.log(
    `  emulator, over a 10 MiB limit (refused) ${over.toFixed(1)} MiB   (${signed(over - bare)} MiB)`,
  )
  console.log(`  target: at most bare + 16 MiB = ${(bare + 16).toFixed(1)} MiB`)
}

try {
  await main()
} finally {
  rmSync(work, { recursive: true, force: true })
}
