import { Readable } from 'node:stream'
import { createSharpSpringClient } from '@crmkit/upload-client'

// Runs in its own process so its resident memory is the client's alone. argv: mode (path|stream), the
// mock's ready line (JSON), the file path (path mode) and the size. Prints one JSON line of figures.
const [mode, readyLine, path, sizeText] = process.argv.slice(2)
const ready = JSON.parse(readyLine as string) as {
  api: string
  auth: { accountId: string; secretKey: string }
  fileField: string
  leadId: number
}
const size = Number(sizeText)

/** Bytes made as they are read, so the source itself holds no memory. */
function generated(total: number): Readable {
  let sent = 0
  const chunk = Buffer.alloc(256 * 1024, 7)
  return new Readable({
    read() {
      if (sent >= total) return this.push(null)
      const length = Math.min(chunk.length, total - sent)
      sent += length
      this.push(length === chunk.length ? chunk : chunk.subarray(0, length))
    },
  })
}

const client = createSharpSpringClient({ ...ready.auth, baseUrl: ready.api, timeout: 120_000 })
// Warm up (modules, undici's connection, zod schemas) before the baseline, so the figure is the upload's.
await client.call('getFields', { where: {} })
globalThis.gc?.()
const baseline = process.memoryUsage().rss
let peak = baseline
let atPeak = process.memoryUsage()
const sampler = setInterval(() => {
  const usage = process.memoryUsage()
  if (usage.rss > peak) {
    peak = usage.rss
    atPeak = usage
  }
}, 10)
const started = process.hrtime.bigint()
const file = mode === 'path' ? (path as string) : { source: generated(size), name: 'big.bin', size }
const [upload] = await client.uploadFiles({
  objectType: 'lead',
  fieldSystemName: ready.fileField,
  files: [{ objectId: ready.leadId, file }],
})
const seconds = Number(process.hrtime.bigint() - started) / 1e9
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage().rss)
if (upload?.success !== true) throw new Error(`upload failed: ${JSON.stringify(upload)}`)
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10
process.stdout.write(
  `${JSON.stringify({
    baselineMiB: baseline / 2 ** 20,
    peakMiB: peak / 2 ** 20,
    riseMiB: (peak - baseline) / 2 ** 20,
    seconds,
    atPeak: {
      heapUsed: mib(atPeak.heapUsed),
      heapTotal: mib(atPeak.heapTotal),
      external: mib(atPeak.external),
      arrayBuffers: mib(atPeak.arrayBuffers),
    },
  })}\n`,
)
