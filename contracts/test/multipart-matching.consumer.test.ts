import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MatchersV3, PactV4 } from '@pact-foundation/pact'
import { afterAll, describe, expect, it } from 'vitest'
import { SHARPSPRING } from '../src/fixtures.js'
import { type RecordedPart, recordedMultipart } from '../src/multipart.js'
import { CONSUMER } from '../src/parties.js'
import { settled } from '../src/settled.js'

const { equal, integer, regex } = MatchersV3

// The contracts checking themselves: the uploadFiles expectation of sharpspring.consumer.test.ts must refuse
// a body that drops a text part, carries a non-integer id part, or a different file, and say which part. The
// pact of these runs goes to a scratch directory, never into pacts/.
const scratch = mkdtempSync(join(tmpdir(), 'crmkit-pact-selftest-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const REPORT = Buffer.from('Quarterly report\nfor the contract tests\n')
const [LEAD] = SHARPSPRING.leadIds
const parts: RecordedPart[] = [
  { name: 'id', value: 'contract-upload-files' },
  { name: 'objectType', value: 'lead' },
  { name: 'fieldSystemName', value: SHARPSPRING.leadFileField },
  { name: 'files[0]', filename: 'report.txt', type: 'text/plain', content: REPORT },
  { name: 'report.txt', value: String(LEAD) },
]
const rules = {
  id: regex('^\\S+$', 'contract-upload-files'),
  objectType: equal('lead'),
  fieldSystemName: equal(SHARPSPRING.leadFileField),
  'report.txt': integer(LEAD),
}

/**
 * POSTs on a connection of its own: each test's Pact mock server is new, and the OS may hand a new one the
 * port of the last, where a pooled keep-alive socket (fetch's) would meet a closed connection.
 */
const post = (url: string, contentType: string, body: Buffer) =>
  new Promise<void>((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': contentType },
    })
    request.on('response', (response) => response.resume().on('end', resolve))
    request.on('error', reject)
    request.end(body)
  })

/** Runs the expectation against a body built from `sent`; resolves the mismatch Pact reports. */
async function mismatchFor(sent: RecordedPart[]): Promise<string> {
  const expected = recordedMultipart(parts, rules)
  const pact = new PactV4({
    consumer: CONSUMER,
    provider: 'sharpspring-selftest',
    dir: scratch,
    logLevel: 'error',
  })
  const outcome = await pact
    .addInteraction()
    .uponReceiving('uploadFiles self-test')
    .withRequest('POST', '/pubapi/v1.2/uploadFiles', (request) => expected.describe(request))
    .willRespondWith(200)
    .executeTest(
      settled(async (server) => {
        // Any text part gets a rule here: what is sent is the point, not how it is matched.
        const body = recordedMultipart(
          sent,
          Object.fromEntries(sent.map((part) => [part.name, equal('')])),
          '----another-boundary-4f1c',
        )
        await post(`${server.url}/pubapi/v1.2/uploadFiles`, body.contentType, body.body)
      }),
    )
    .then(
      () => '',
      (error: unknown) => String((error as Error).message),
    )
  return outcome
}

describe('the uploadFiles expectation refuses a wrong body with a readable message', () => {
  it('passes the body as recorded (with another boundary)', async () => {
    expect(await mismatchFor(parts)).toBe('')
  })

  it('names a missing text part', async () => {
    const message = await mismatchFor(parts.filter((part) => part.name !== 'objectType'))
    expect(message, message).toContain("Expected a MIME part 'objectType' but was missing")
    if (process.env.SHOW_PACT_MESSAGES) console.log(message)
  })

  it('refuses an id part that is not an integer', async () => {
    const message = await mismatchFor(
      parts.map((part) => (part.name === 'report.txt' ? { name: 'report.txt', value: 'lead-1' } : part)),
    )
    expect(message).toMatch(/report\.txt.*lead-1/s)
  })

  it('refuses other file bytes', async () => {
    const message = await mismatchFor(
      parts.map((part) =>
        'filename' in part ? { ...part, content: Buffer.from('Another report\n') } : part,
      ),
    )
    expect(message).toContain('files[0]')
  })
})
