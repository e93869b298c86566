import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { interceptVendors, type SharpSpringInfo, startMocks } from '@crmkit/mocks'

// `pnpm bench` part 4: interceptVendors(). The peak resident memory above the baseline, and the wall time,
// of one BENCH_INTERCEPT_MIB (default 1024) MiB upload streamed by fetch (a ReadableStream body, 64 KiB
// chunks) to SharpSpring's /uploadFiles (its limit raised): at https://api.sharpspring.com through the
// interception, beside the same upload over a real socket to the same mocks started by startMocks(). Each
// in a fresh process, the mocks and the client in it, sampled every 5 ms. Figures, never timed tests.

const MiB = 2 ** 20
const SIZE = Number(process.env.BENCH_INTERCEPT_MIB ?? 1024) * MiB
const CHUNK = Buffer.alloc(64 * 1024, 0x61)
const BOUNDARY = '----crmkitBenchIntercept4b1d'

type Mode = 'intercept' | 'socket'

interface Figures {
  readonly baselineMiB: number
  readonly peakMiB: number
  readonly riseMiB: number
  readonly ms: number
  readonly stored: boolean
}

/** SharpSpring's uploadFiles form around `size` bytes of file, as a stream of chunks (never held whole). */
async function* uploadForm(ss: SharpSpringInfo, size: number): AsyncGenerator<Uint8Array> {
  const field = (name: string, value: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
  yield Buffer.from(
    field('id', '1') +
      field('objectType', 'lead') +
      field('fieldSystemName', ss.demo.fileFields.lead) +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files[0]"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  )
  for (let sent = 0; sent < size; sent += CHUNK.length)
    yield CHUNK.subarray(0, Math.min(CHUNK.length, size - sent))
  yield Buffer.from(`\r\n${field('big.bin', String(ss.demo.leadId))}--${BOUNDARY}--\r\n`)
}

async function measure(mode: Mode): Promise<Figures> {
  const options = { services: ['sharpspring'] as const, sharpspring: { maxFileBytes: SIZE + MiB } }
  const mocks = mode === 'intercept' ? await interceptVendors(options) : await startMocks(options)
  try {
    const ss = mocks.sharpspring as SharpSpringInfo
    const url = `${ss.api}/v1/uploadFiles?accountID=${ss.credentials.accountId}&secretKey=${ss.credentials.secretKey}`
    globalThis.gc?.()
    const baseline = process.memoryUsage.rss()
    let peak = baseline
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss())
    }, 5)
    const started = performance.now()
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: ReadableStream.from(uploadForm(ss, SIZE)),
      duplex: 'half',
    } as RequestInit)
    const result = (await answer.json()) as { result?: { uploads?: Array<{ success: boolean }> } }
    const ms = performance.now() - started
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage.rss())
    return {
      baselineMiB: baseline / MiB,
      peakMiB: peak / MiB,
      riseMiB: (peak - baseline) / MiB,
      ms,
      stored: result.result?.uploads?.[0]?.success === true,
    }
  } finally {
    await mocks.close()
  }
}

const mode = process.argv[2] as Mode | undefined
if (mode === 'intercept' || mode === 'socket') {
  process.stdout.write(JSON.stringify(await measure(mode)))
} else {
  const script = fileURLToPath(import.meta.url)
  console.log(
    `interceptVendors(): one ${SIZE / MiB} MiB upload streamed by fetch to SharpSpring /uploadFiles, each in a fresh process (Node ${process.version})`,
  )
  for (const each of ['socket', 'intercept'] as const) {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', script, each], {
      maxBuffer: 1024 * 1024,
    })
    const figures = JSON.parse(stdout) as Figures
    const where =
      each === 'intercept' ? 'in process, https://api.sharpspring.com' : 'real socket, 127.0.0.1  '
    console.log(
      `  ${where}: baseline ${figures.baselineMiB.toFixed(0)} MiB, peak ${figures.peakMiB.toFixed(0)} MiB, rise ${figures.riseMiB.toFixed(0)} MiB, ${(figures.ms / 1000).toFixed(2)} s (${(SIZE / MiB / (figures.ms / 1000)).toFixed(0)} MiB/s)${figures.stored ? '' : ' — NOT STORED'}`,
    )
  }
}
