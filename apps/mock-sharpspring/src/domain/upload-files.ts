import { pipeline } from 'node:stream/promises'
import { MultipartError, type MultipartFile, type MultipartPart } from '@crmkit/mock-kit'
import type { FileStorage, StagedFile } from './file-storage.js'
import { itemError, type WriteItem } from './method-result.js'
import { type Aborted, type CallOutcome, refusal } from './rpc-call.js'
import { type SharpSpringContext, sqlTimestamp } from './state.js'

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
  const items: Array<WriteItem & { fileName: string; url?: string }> = []
  for (const file of received) {
    const refuse = async (item: WriteItem) => {
      await file.pending.discard()
      items.push({ ...item, fileName: file.filename })
    }
    const idText = fields.get(file.filename) ?? fields.get(phpFieldName(file.filename))
    if ((counts.get(file.filename) ?? 0) > 1)
      await refuse(
        itemError(205, { fileName: file.filename, reason: 'filenames must be unique in one call' }),
      )
    else if (!file.pending.stored)
      await refuse(
        itemError(205, { fileName: file.filename, size: file.pending.size, maxSize: deps.maxFileBytes }),
      )
    else if (idText === undefined) await refuse(itemError(206, { missing: [file.filename] }))
    else if (!/^\d+$/.test(idText.trim()))
      await refuse(itemError(205, { [file.filename]: 'must be an object id (an integer)' }))
    else {
      const row = rows.get(String(Number(idText.trim())))
      if (row === undefined) await refuse(itemError(404, { [type]: Number(idText.trim()) }))
      else {
        const url = deps.fileUrl(await file.pending.keep(file.filename))
        // A File Upload field holds the URL of its last file: updates always overwrite [DOC; value INFER].
        row[field.systemName] = url
        row.updateTimestamp = sqlTimestamp(ctx.now)
        items.push({ success: true, error: null, id: Number(row.id), fileName: file.filename, url })
      }
    }
  }
  return { id, write: true, result: { kind: 'write', key: 'uploads', items } }
}

/** Streams a file part into the store; a part cut short is discarded and its failure thrown. */
export async function receive(part: MultipartFile, deps: UploadDeps): Promise<ReceivedFile> {
  const pending = await deps.files.begin(deps.maxFileBytes)
  try {
    await pipeline(part.stream, pending.sink)
  } catch (error) {
    await pending.discard()
    if (error instanceof MultipartError) throw error
    throw new MultipartError('malformed', 'The body ended inside a file part.', { cause: error })
  }
  const filename = (part.filename ?? '').split(/[/\\]/).pop() ?? ''
  return { part: part.name, filename, pending }
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
