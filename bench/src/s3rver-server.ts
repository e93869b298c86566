import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const S3rver = createRequire(import.meta.url)('s3rver') as typeof import('s3rver')

// s3rver, the in-process Node S3 emulator most users would reach for (it ignores the POST policy).
const directory = mkdtempSync(join(tmpdir(), 'crmkit-bench-s3rver-'))
const server = new S3rver({
  port: 0,
  address: '127.0.0.1',
  silent: true,
  directory,
  configureBuckets: [{ name: 'bucket' }],
})
const { port } = await server.run()
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}/bucket` })}\n`)
process.once('SIGTERM', async () => {
  await server.close()
  rmSync(directory, { recursive: true, force: true })
  process.exit(0)
})
