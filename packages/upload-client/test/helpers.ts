import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { request } from 'undici'

/** A scratch directory removed by `remove()`. */
export function scratchDir() {
  const path = mkdtempSync(join(tmpdir(), 'crmkit-client-test-'))
  return {
    path,
    file(name: string, content: Uint8Array | string) {
      const file = join(path, name)
      writeFileSync(file, content)
      return file
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  }
}

/** Deterministic bytes of any length, made as they are read: a "large file" that never sits in memory. */
export function patternStream(size: number, chunk = 64 * 1024): Readable {
  let sent = 0
  return new Readable({
    read() {
      if (sent >= size) return this.push(null)
      const length = Math.min(chunk, size - sent)
      const buffer = Buffer.alloc(length)
      for (let i = 0; i < length; i++) buffer[i] = (sent + i) % 251
      sent += length
      this.push(buffer)
    },
  })
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** Downloads a URL and hashes it as it streams. */
export async function sha256OfUrl(url: string): Promise<{ status: number; sha256: string; size: number }> {
  const response = await request(url)
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of response.body) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { status: response.statusCode, sha256: hash.digest('hex'), size }
}

/** Every file under a directory, recursively (to prove an aborted upload left nothing behind). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** A tiny HTTP server answering as the test says, for answers no vendor mock gives (a proxy's 502). */
export async function startOddServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A tiny PNG (1×1), as a product image. */
export const PNG_1X1 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4a40000000049454e44ae426082',
  'hex',
)

/** Arms a fault on a mock through its admin API. */
export async function armFault(adminBase: string, fault: Record<string, unknown>): Promise<void> {
  const response = await request(`${adminBase}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  })
  const text = await response.body.text()
  if (response.statusCode !== 201) throw new Error(`arming ${JSON.stringify(fault)} failed: ${text}`)
}

/** One request as the mock's journal shows it (mock-kit's `JournalEntry`, the fields tests read). */
export interface JournalRequest {
  readonly method: string
  readonly path: string
  readonly service: string
  readonly parts?: ReadonlyArray<{ readonly name: string; readonly sha256?: string }>
}

/** The mock's journal, to count what reached it and see each multipart part. */
export async function journal(adminBase: string, query = ''): Promise<JournalRequest[]> {
  const response = await request(`${adminBase}/__admin/requests${query}`)
  return ((await response.body.json()) as { requests: JournalRequest[] }).requests
}
