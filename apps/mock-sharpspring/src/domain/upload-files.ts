import { pipeline } from 'node:stream/promises'
import { filePartFailure, MultipartError, type MultipartFile, type MultipartPart } from '@crmkit/mock-kit'
import { baseName, fileNameProblem } from './file-name.js'
import type { FileStorage, StagedFile } from './file-storage.js'
import { itemError, type WriteItem } from './method-result.js'
import { type Aborted, type CallOutcome, refusal } from './rpc-call.js'
import { type Row, type SharpSpringContext, sqlTimestamp } from './state.js'

export interface UploadDeps {
  readonly files: FileStorage
  /** Largest file stored; larger ones are refused, object by object, while they stream [INFER]. */
  readonly maxFileBytes: number
  /** The URL a kept file is served at, from its store path. */
  readonly fileUrl: (path: string) => string
}

/** A file part streamed into the store, not yet kept; `filename` is its basename, as PHP's `basename` gives. */
export interface ReceivedFile {
  readonly part: string
  readonly filename: string
  readonly pending: StagedFile
}

const OBJECT_TYPES = ['lead', 'account', 'opportunity'] as const

/**
 * `file1.png` as PHP delivers a POST field of that name: `.` and spaces turned into `_`
 * (https://php.net/manual/en/language.variables.external.php); that SharpSpring's API runs on PHP is
 * inferred from its PHP samples [INFER].
 */
const phpFieldName = (name: string) => name.replace(/[. ]/g, '_')

/**
 * `POST /pubapi/{version}/uploadFiles` (SharpSpring's "Uploading Files" article; FIDELITY.md, "Sources"):
 * `objectType`, `fieldSystemName`, files as `files[N]`, and per file a part named like its filename holding
 * the object's id. Every file is streamed to a temporary place first (its id part may come after it), then
 * kept or dropped once the whole body is read. Problems of the call are API errors and keep nothing; problems
 * of one file are its own result [INFER: the response is undocumented; modelled on the bulk writes'
 * `{success, error, id}` items].
 */
export async function uploadFiles(
  ctx: SharpSpringContext,
  parts: AsyncIterable<MultipartPart>,
  deps: UploadDeps,
): Promise<CallOutcome | Aborted> {
  const fields = new Map<string, string>()
  const received: ReceivedFile[] = []
  const discardAll = () => Promise.all(received.map((file) => file.pending.discard()))
  try {
    for await (const part of parts) {
      if (part.kind === 'field') {
        if (!fields.has(part.name)) fields.set(part.name, part.value)
        continue
      }
      received.push(await receive(part, deps))
    }
  } catch (error) {
    await discardAll()
    return bodyFailure(error, fields)
  }

  const id = fields.get('id') ?? ''
  const objectType = fields.get('objectType')
  const fieldSystemName = fields.get('fieldSystemName')
  const missing = [
    ...(objectType === undefined || objectType === '' ? ['objectType'] : []),
    ...(fieldSystemName === undefined || fieldSystemName === '' ? ['fieldSystemName'] : []),
    ...(received.length === 0 ? ['files'] : []),
  ]
  if (missing.length > 0) {
    await discardAll()
    return refusal(206, id, { missing })
  }
  const type = objectType as string
  if (!(OBJECT_TYPES as readonly string[]).includes(type)) {
    await discardAll()
    return refusal(205, id, { objectType: OBJECT_TYPES })
  }
  const field = ctx.state.fields.get(fieldSystemName as string)
  if (
    field === undefined ||
    field.isCustom !== '1' ||
    field.dataType !== ctx.fileFieldType ||
    field.relationship !== type
  ) {
    await discardAll()
    const reason =
      field === undefined
        ? 'no such field'
        : field.relationship !== type
          ? `the field belongs to ${field.relationship} objects`
          : 'not a File Upload field'
    return refusal(205, id, { fieldSystemName, reason })
  }

  const counts = new Map<string, number>()
  for (const file of received) counts.set(file.filename, (counts.get(file.filename) ?? 0) + 1)
  const rows = ctx.state.objects[type as (typeof OBJECT_TYPES)[number]]
  // Each file's answer, decided before anything is kept: a refusal, or the record it goes to.
  const decisions = received.map((file): WriteItem | Row => {
    const idText = fields.get(file.filename) ?? fields.get(phpFieldName(file.filename))
    const nameProblem = fileNameProblem(file.filename)
    if (nameProblem !== undefined) return itemError(205, { fileName: file.filename, reason: nameProblem })
    if ((counts.get(file.filename) ?? 0) > 1)
      return itemError(205, { fileName: file.filename, reason: 'filenames must be unique in one call' })
    if (!file.pending.stored)
      return itemError(205, { fileName: file.filename, size: file.pending.size, maxSize: deps.maxFileBytes })
    if (idText === undefined) return itemError(206, { missing: [file.filename] })
    if (!/^\d+$/.test(idText.trim()))
      return itemError(205, { [file.filename]: 'must be an object id (an integer)' })
    return rows.get(String(Number(idText.trim()))) ?? itemError(404, { [type]: Number(idText.trim()) })
  })
  const urls = await keepAll(received, decisions, deps)
  const items = received.map((file, index): UploadItem => {
    const decision = decisions[index] as WriteItem | Row
    const url = urls[index]
    if (isWriteItem(decision) || url === undefined)
      return { ...(decision as WriteItem), fileName: file.filename }
    // A File Upload field holds the URL of its last file: updates always overwrite [DOC; value INFER].
    decision[field.systemName] = url
    decision.updateTimestamp = sqlTimestamp(ctx.now)
    return { success: true, error: null, id: Number(decision.id), fileName: file.filename, url }
  })
  return { id, write: true, result: { kind: 'write', key: 'uploads', items } }
}

type UploadItem = WriteItem & { readonly fileName: string; readonly url?: string }

const isWriteItem = (decision: WriteItem | Row): decision is WriteItem => 'success' in decision

/**
 * Keeps every accepted file and drops the refused ones; the accepted files' URLs by position. All or
 * nothing: if keeping one fails (a disk error, a bug), the ones already kept are removed and the failure
 * thrown before any record changes, so the call leaves no file and no half-updated record behind.
 */
async function keepAll(
  received: readonly ReceivedFile[],
  decisions: ReadonlyArray<WriteItem | Row>,
  deps: UploadDeps,
): Promise<Array<string | undefined>> {
  const urls: Array<string | undefined> = []
  const kept: string[] = []
  try {
    for (const [index, file] of received.entries()) {
      if (isWriteItem(decisions[index] as WriteItem | Row)) {
        await file.pending.discard()
        urls.push(undefined)
        continue
      }
      const path = await file.pending.keep(file.filename)
      kept.push(path)
      urls.push(deps.fileUrl(path))
    }
    return urls
  } catch (error) {
    await Promise.all(received.map((file) => file.pending.discard()))
    await Promise.all(kept.map((path) => deps.files.remove(path)))
    throw error
  }
}

/** Streams a file part into the store; a part cut short is discarded and its failure thrown. */
export async function receive(part: MultipartFile, deps: UploadDeps): Promise<ReceivedFile> {
  const pending = await deps.files.begin(deps.maxFileBytes)
  try {
    await pipeline(part.stream, pending.sink)
  } catch (error) {
    await pending.discard()
    throw filePartFailure(part, error)
  }
  return { part: part.name, filename: baseName(part.filename), pending }
}

/**
 * A body that broke while being read: nobody to answer when the client left, else 101 with the request id
 * if it came before the break. Anything else is a bug, rethrown.
 */
export function bodyFailure(error: unknown, fields: ReadonlyMap<string, string>): CallOutcome | Aborted {
  if (!(error instanceof MultipartError)) throw error
  if (error.kind === 'aborted') return { aborted: true }
  return refusal(101, fields.get('id') ?? null, { reason: error.message })
}
