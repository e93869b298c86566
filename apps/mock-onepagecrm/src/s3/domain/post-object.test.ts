import { Readable } from 'node:stream'
import {
  createSeededRandom,
  createTempDir,
  MultipartError,
  type MultipartErrorKind,
  type MultipartPart,
} from '@crmkit/mock-kit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUCKET, signedForm, T0 } from '../../../test/helpers.js'
import { createFileObjectStore } from '../storage/file-object-store.js'
import { createS3Config } from './config.js'
import { createHostedBuckets } from './hosted-buckets.js'
import type { ObjectStore } from './object-store.js'
import { type PostObjectDeps, type PostObjectResult, postObject } from './post-object.js'

const dir = createTempDir('crmkit-s3-post-object-test-')
let store: ObjectStore
let deps: PostObjectDeps
beforeAll(async () => {
  store = await createFileObjectStore({
    root: dir.path,
    random: createSeededRandom(3),
    persistMetadata: false,
  })
  const config = createS3Config()
  deps = { config, buckets: createHostedBuckets(config.buckets), store, now: () => T0 }
})
afterAll(async () => {
  await store.close()
  dir.remove()
})

/** The parts a parser would yield, then its failure (if any). */
async function* body(
  parts: readonly MultipartPart[],
  failure?: MultipartError,
): AsyncGenerator<MultipartPart> {
  yield* parts
  if (failure !== undefined) throw failure
}

const field = (name: unknown, value = 'x'): MultipartPart =>
  ({ kind: 'field', name, value, truncated: false }) as MultipartPart
const file = (content = 'abc'): MultipartPart => ({
  kind: 'file',
  name: 'file',
  filename: 'a.txt',
  contentType: 'text/plain',
  stream: Readable.from([Buffer.from(content)]),
})
const fail = (kind: string) => new MultipartError(kind as MultipartErrorKind, `parser failed: ${kind}`)
const goodFields = async () =>
  (await signedForm([{ bucket: BUCKET }, ['starts-with', '$key', '']], [['key', 'mapped/a.txt']])).map(
    ([name, value]) => field(name, value),
  )

/** The answer without its explanation. */
const verdict = ({ explanation: _, ...answer }: PostObjectResult) => answer
/** The check the explanation says failed, and what it says of the others. */
const explained = ({ explanation }: PostObjectResult) => ({
  failed: explanation.checks.find((c) => c.outcome === 'failed'),
  outcomes: explanation.checks.map((c) => c.outcome),
})

const MALFORMED = {
  status: 400,
  code: 'MalformedPOSTRequest',
  message: 'The body of your POST request is not well-formed multipart/form-data.',
  details: [],
}

describe("postObject: every failure of the multipart parser is one of S3's answers", () => {
  it.each([
    ['not-multipart', { status: 412, code: 'PreconditionFailed' }],
    ['malformed', MALFORMED],
    ['too-many-parts', { status: 400, code: 'MaxPostPreDataLengthExceeded' }],
    ['name-too-long', { status: 400, code: 'MaxPostPreDataLengthExceeded' }],
    // Kinds the parser may add (a limit of its own) or that this table does not know.
    ['limit', MALFORMED],
    ['something-new', MALFORMED],
  ])('%s before the file → %j', async (kind, expected) => {
    const result = await postObject({ bucket: BUCKET, parts: body([], fail(kind)) }, deps)
    expect(result).toMatchObject({ ok: false, error: expected })
    // The explanation fails the check whose answer it is, and reaches none after it.
    const { failed, outcomes } = explained(result)
    expect(failed?.check).toBe(
      expected.code === 'PreconditionFailed'
        ? 'body is multipart/form-data'
        : expected.code === 'MaxPostPreDataLengthExceeded'
          ? 'fields before the file within 20480 bytes'
          : 'body is well-formed multipart/form-data',
    )
    expect(outcomes.slice(outcomes.indexOf('failed') + 1).every((o) => o === 'not-reached')).toBe(true)
  })

  it('a client gone mid-body gets no answer at all', async () => {
    const result = await postObject({ bucket: BUCKET, parts: body([], fail('aborted')) }, deps)
    expect(verdict(result)).toEqual({ ok: false, aborted: true })
    expect(explained(result).failed).toMatchObject({ got: 'the client went away' })
  })

  it.each(['too-many-parts', 'name-too-long', 'malformed', 'limit', 'something-new'])(
    '%s once the file was received → MalformedPOSTRequest, the upload dropped',
    async (kind) => {
      const parts = body([...(await goodFields()), file()], fail(kind))
      const result = await postObject({ bucket: BUCKET, parts }, deps)
      expect(verdict(result)).toEqual({ ok: false, error: MALFORMED })
      // The policy's checks passed as the body streamed, but S3 reads the body first: they are not reached.
      expect(explained(result)).toMatchObject({
        failed: { check: 'body is well-formed multipart/form-data', got: `parser failed: ${kind}` },
        outcomes: [
          'passed',
          'passed',
          'failed',
          ...Array(result.explanation.checks.length - 3).fill('not-reached'),
        ],
      })
      expect(store.pendingUploads()).toBe(0)
      expect(await store.head(BUCKET, 'mapped/a.txt')).toBeUndefined()
    },
  )

  it.each([
    ['no name', undefined],
    ['an empty name', ''],
    ['a name that is not text', 42],
  ])('a field with %s → MalformedPOSTRequest (never a TypeError)', async (_, name) => {
    const parts = body([field(name), ...(await goodFields()), file()])
    expect(verdict(await postObject({ bucket: BUCKET, parts }, deps))).toEqual({
      ok: false,
      error: MALFORMED,
    })
    expect(await store.head(BUCKET, 'mapped/a.txt')).toBeUndefined()
  })

  it('stores the same form once nothing is wrong with it', async () => {
    const parts = body([...(await goodFields()), file()])
    const result = await postObject({ bucket: BUCKET, parts }, deps)
    expect(result).toMatchObject({ ok: true })
    expect(result.explanation.checks.every((c) => c.outcome === 'passed')).toBe(true)
    expect(await store.delete(BUCKET, 'mapped/a.txt')).toBe(true)
  })
})
