import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isRecord, show } from './checks.js'
import { leftovers, s3Records, sharpSpringFiles } from './data-dir.js'
import { api } from './endpoints/onepagecrm.js'
import { credentialsQuery } from './endpoints/sharpspring.js'
import { rpc } from './endpoints/sharpspring-rpc.js'
import { MocksProcess } from './mocks-process.js'
import { fieldPart, filePart, multipartContentType, renderMultipart } from './multipart.js'
import { simpleRequest } from './raw-http.js'
import { getObject, uploadObject } from './s3-client.js'
import { fileBytes } from './upload-case.js'

/** A small seeded PRNG (mulberry32): kill times and the mix of writes come from the run's seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Writes a client was told succeeded: each must survive the kill. */
export interface Acked {
  readonly s3: Array<{ key: string; sha: string }>
  readonly leads: Array<{ id: number; email: string }>
  readonly uploads: Array<{ leadId: number; path: string; sha: string }>
  readonly attachments: Array<{ id: string; key: string; sha: string }>
}

export const noAcks = (): Acked => ({ s3: [], leads: [], uploads: [], attachments: [] })

export interface CrashRound {
  readonly round: number
  readonly killAfterMs: number
  readonly acked: { s3: number; leads: number; uploads: number; attachments: number }
  /** Requests that got no answer because of the kill. */
  readonly cut: number
  readonly failures: string[]
  readonly restartMs: number
}

type Op = 's3' | 'lead' | 'upload' | 'attachment'

/** One writer: a loop of random writes until the process is gone. */
async function writer(
  proc: MocksProcess,
  acked: Acked,
  random: () => number,
  tag: string,
  counters: { cut: number },
) {
  let n = 0
  while (proc.alive) {
    n++
    const roll = random()
    const op: Op = roll < 0.3 ? 's3' : roll < 0.5 ? 'lead' : roll < 0.8 ? 'upload' : 'attachment'
    const size = 1 + Math.floor(random() * random() * 400_000)
    const bytes = fileBytes(Math.floor(random() * 2 ** 31), size)
    try {
      if (op === 's3') {
        const key = `crash/${tag}-${n}.bin`
        const answer = await uploadObject(proc.info.s3, key, bytes, { timeoutMs: 5000 })
        if (answer.status === 201) acked.s3.push({ key, sha: sha(bytes) })
      } else if (op === 'lead' || op === 'upload') {
        const email = `crash-${tag}-${n}@example.com`
        const created = await rpc({ port: (s) => proc.port(s), proc }, 'createLeads', {
          objects: [{ emailAddress: email }],
        })
        const item =
          isRecord(created?.result) && Array.isArray(created.result.creates)
            ? created.result.creates[0]
            : undefined
        if (!isRecord(item) || item.success !== true || typeof item.id !== 'number') continue
        acked.leads.push({ id: item.id, email })
        if (op === 'upload') {
          const path = await uploadFile(proc, item.id, `crash-${n}.bin`, bytes)
          if (path !== undefined) acked.uploads.push({ leadId: item.id, path, sha: sha(bytes) })
        }
      } else {
        const demo = proc.info.onepagecrm.demo
        const name = `crash-${tag}-${n}.bin`
        const key = `${demo.contactId}/${Date.now()}/${name}`
        const stored = await uploadObject(proc.info.s3, key, bytes, { timeoutMs: 5000 })
        if (stored.status !== 201) continue
        acked.s3.push({ key, sha: sha(bytes) })
        const { response, json } = await api({ port: (s) => proc.port(s), proc }, 'POST', '/attachments', {
          reference_type: 'note',
          reference_id: demo.noteId,
          contact_id: demo.contactId,
          key,
          name,
          size: bytes.length,
        })
        const attachment = isRecord(json?.data) ? json.data.attachment : undefined
        if (response.status === 201 && isRecord(attachment) && typeof attachment.id === 'string')
          acked.attachments.push({ id: attachment.id, key, sha: sha(bytes) })
      }
    } catch {
      // The kill cut this request off: it was never acknowledged.
      counters.cut++
    }
  }
}

/** `POST /pubapi/v1/uploadFiles` of one file to a lead's File Upload field; its URL path once stored. */
async function uploadFile(
  proc: MocksProcess,
  leadId: number,
  filename: string,
  bytes: Buffer,
): Promise<string | undefined> {
  const ss = proc.info.sharpspring
  const boundary = `crmkit-crash-${leadId}`
  const body = renderMultipart({
    boundary,
    contentType: undefined,
    parts: [
      fieldPart('id', 'id', `crash-${leadId}`),
      fieldPart('objectType', 'objectType', 'lead'),
      fieldPart('fieldSystemName', 'fieldSystemName', ss.demo.fileFields.lead),
      filePart('files[0]', 'files[0]', filename, bytes, 'application/octet-stream'),
      fieldPart('id', filename, String(leadId)),
    ],
    preamble: Buffer.alloc(0),
    epilogue: Buffer.alloc(0),
    eol: '\r\n',
    closing: 'normal',
  }).bytes
  const answer = await simpleRequest(
    proc.port('sharpspring'),
    'POST',
    `/pubapi/v1/uploadFiles${credentialsQuery(ss, undefined)}`,
    {
      headers: [['Content-Type', multipartContentType(boundary)]],
      body,
      timeoutMs: 5000,
    },
  )
  const json = JSON.parse(answer.body.toString('utf8')) as {
    result?: { uploads?: Array<{ success: boolean; url?: string }> }
  }
  const url = json.result?.uploads?.[0]?.url
  return json.result?.uploads?.[0]?.success === true && url !== undefined ? new URL(url).pathname : undefined
}

/**
 * Every acknowledged write reads back after the restart, and nothing is left that no record names: temporary
 * files, S3 blobs without a record (or records without a blob), SharpSpring files no record links to,
 * OnePageCRM attachments whose S3 object is gone.
 */
export async function verifyAfterRestart(proc: MocksProcess, acked: Acked): Promise<string[]> {
  const failures: string[] = []
  const dir = proc.dataDir
  const ctx = { port: (s: 's3' | 'onepagecrm' | 'sharpspring') => proc.port(s), proc }
  for (const { key, sha: expected } of acked.s3) {
    const got = await getObject(proc.info.s3, key)
    if (got.status !== 200)
      failures.push(`acknowledged S3 object ${key} answers ${got.status} after the restart`)
    else if (sha(got.body) !== expected)
      failures.push(`acknowledged S3 object ${key} reads back different bytes`)
  }
  for (const { id, email } of acked.leads) {
    const answer = await rpc(ctx, 'getLead', { id })
    const rows = isRecord(answer?.result) ? answer.result.lead : undefined
    if (!Array.isArray(rows) || rows.length !== 1 || !isRecord(rows[0]) || rows[0].emailAddress !== email)
      failures.push(`acknowledged lead ${id} (${email}) is gone after the restart`)
  }
  const fileField = proc.info.sharpspring.demo.fileFields.lead
  for (const { leadId, path, sha: expected } of acked.uploads) {
    const got = await simpleRequest(proc.port('sharpspring'), 'GET', path)
    if (got.status !== 200)
      failures.push(`acknowledged upload ${path} answers ${got.status} after the restart`)
    else if (sha(got.body) !== expected)
      failures.push(`acknowledged upload ${path} reads back different bytes`)
    const answer = await rpc(ctx, 'getLead', { id: leadId })
    const row =
      isRecord(answer?.result) && Array.isArray(answer.result.lead) ? answer.result.lead[0] : undefined
    const value = isRecord(row) ? row[fileField] : undefined
    if (typeof value !== 'string' || !value.endsWith(path))
      failures.push(
        `acknowledged upload ${path}: lead ${leadId}'s ${fileField} is ${JSON.stringify(value)} after the restart`,
      )
  }
  if (acked.attachments.length > 0) {
    const demo = proc.info.onepagecrm.demo
    const { response, json } = await api(ctx, 'GET', `/notes/${demo.noteId}`)
    const note = isRecord(json?.data) ? json.data.note : undefined
    const listed = isRecord(note) && Array.isArray(note.attachments) ? note.attachments : undefined
    if (listed === undefined)
      failures.push(`the demo note cannot be read after the restart: ${show(response)}`)
    else {
      const ids = new Set(listed.map((item) => (isRecord(item) ? item.id : undefined)))
      for (const { id, key, sha: expected } of acked.attachments) {
        if (!ids.has(id)) failures.push(`acknowledged attachment ${id} (${key}) is gone after the restart`)
        const got = await getObject(proc.info.s3, key)
        if (got.status !== 200 || sha(got.body) !== expected)
          failures.push(`acknowledged attachment ${id}'s file ${key} does not read back (${got.status})`)
      }
    }
  }
  // Orphans: what the data directory holds that nothing names.
  for (const path of leftovers(dir)) failures.push(`temporary file left after the restart: ${path}`)
  const s3 = s3Records(dir)
  for (const name of s3.unreadable)
    failures.push(`unreadable S3 record after the restart: s3/objects/${name}`)
  for (const blob of s3.orphanBlobs)
    failures.push(`S3 blob without a record after the restart: s3/blobs/${blob}`)
  for (const key of s3.missingBlobs) failures.push(`S3 record without its blob after the restart: ${key}`)
  const state = readFileOr(join(dir, 'sharpspring', 'state.json'))
  for (const path of sharpSpringFiles(dir)) {
    const [key] = path.split('/')
    if (path.endsWith('/') || !state.includes(`/files/${key}/`))
      failures.push(`SharpSpring file that no record links to after the restart: files/${path}`)
  }
  const crm = readFileOr(join(dir, 'onepagecrm', 'state.json'))
  try {
    const attachments =
      (JSON.parse(crm) as { attachments?: Array<{ id: string; key: string }> }).attachments ?? []
    const keys = new Set(s3.records.map((record) => record.key))
    for (const attachment of attachments)
      if (!keys.has(attachment.key))
        failures.push(`OnePageCRM attachment ${attachment.id} whose S3 object is gone: ${attachment.key}`)
  } catch (error) {
    failures.push(`onepagecrm/state.json cannot be read after the restart: ${(error as Error).message}`)
  }
  return failures
}

function readFileOr(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

/**
 * Rounds of: concurrent writes of every kind, kill -9 at a random moment, restart on the same data directory,
 * check. Acknowledgements accumulate over the rounds (each restart must keep all of them).
 */
export async function crashRounds(options: {
  readonly dataDir: string
  readonly seed: number
  readonly rounds: number
  readonly writers: number
  readonly killWindowMs: readonly [number, number]
  readonly onRound?: (round: CrashRound) => void
}): Promise<{ rounds: CrashRound[]; acked: Acked; proc: MocksProcess }> {
  const random = prng(options.seed)
  const acked = noAcks()
  let proc = await MocksProcess.start(options.dataDir)
  const rounds: CrashRound[] = []
  // A failure is reported by the first round that sees it (an orphan stays there for every later round).
  const reported = new Set<string>()
  for (let round = 1; round <= options.rounds; round++) {
    const [min, max] = options.killWindowMs
    const killAfterMs = Math.round(min + random() * (max - min))
    const before = {
      s3: acked.s3.length,
      leads: acked.leads.length,
      uploads: acked.uploads.length,
      attachments: acked.attachments.length,
    }
    const counters = { cut: 0 }
    const writers = Array.from({ length: options.writers }, (_, w) =>
      writer(proc, acked, prng(Math.floor(random() * 2 ** 31)), `${options.seed}-${round}-${w}`, counters),
    )
    await new Promise((resolve) => setTimeout(resolve, killAfterMs))
    await proc.kill9()
    await Promise.all(writers)
    const started = Date.now()
    proc = await MocksProcess.start(options.dataDir)
    const restartMs = Date.now() - started
    const failures = (await verifyAfterRestart(proc, acked)).filter((failure) => !reported.has(failure))
    for (const failure of failures) reported.add(failure)
    const result: CrashRound = {
      round,
      killAfterMs,
      acked: {
        s3: acked.s3.length - before.s3,
        leads: acked.leads.length - before.leads,
        uploads: acked.uploads.length - before.uploads,
        attachments: acked.attachments.length - before.attachments,
      },
      cut: counters.cut,
      failures,
      restartMs,
    }
    rounds.push(result)
    options.onRound?.(result)
  }
  return { rounds, acked, proc }
}

export function describeRound(round: CrashRound): string {
  const a = round.acked
  return `round ${round.round}: kill -9 after ${round.killAfterMs} ms; acknowledged ${a.s3} S3 objects, ${a.leads} leads, ${a.uploads} uploads, ${a.attachments} attachments; ${round.cut} requests cut; restart ${round.restartMs} ms; ${round.failures.length === 0 ? 'all there, no orphan' : `${round.failures.length} failure(s)`}`
}
