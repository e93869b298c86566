import { createMockHost, journalDetail, type MockService } from '@crmkit/mock-kit'
import { Hono } from 'hono'

/** What the route below journals: an S3-POST-like explanation, a vendor error, a JSON-RPC call. */
const ENTRY = {
  error: { code: 'AccessDenied', message: 'Invalid according to Policy: Policy Condition failed' },
  rpc: { method: 'uploadPolicy', id: 'call-1' },
  explanation: {
    subject: 'S3 POST policy',
    document: JSON.stringify({
      expiration: '2030-01-01T00:00:00.000Z',
      conditions: [{ bucket: 'b' }, ['starts-with', '$key', 'u/'], ['content-length-range', 0, 10]],
    }),
    checks: [
      { check: '{"bucket":"b"}', outcome: 'passed' as const, expected: 'b', got: 'b' },
      {
        check: '["starts-with","$key","u/"]',
        outcome: 'failed' as const,
        expected: 'u/…',
        got: 'other/a.png',
      },
      { check: '["content-length-range",0,10]', outcome: 'not-reached' as const, expected: '0 to 10 bytes' },
    ],
  },
}

/** The JSON body it journals. */
const BODY = { method: 'uploadPolicy', params: { key: 'other/a.png' }, id: 'call-1' }

/**
 * A mock host serving one service whose `POST /refuse` journals `ENTRY` and `BODY` as a vendor's route would
 * (through `journalDetail`), and answers 403: the page's rendering of each part of an entry, on data the
 * test chose.
 */
export async function explainedService(): Promise<{
  url: string
  entry: typeof ENTRY
  body: typeof BODY
  close(): Promise<void>
}> {
  const app = new Hono()
  app.post('/refuse', (c) => {
    const json = JSON.stringify(BODY)
    journalDetail(c.req.raw, {
      ...ENTRY,
      body: { contentType: 'application/json', size: Buffer.byteLength(json), json },
    })
    return c.text('refused', 403)
  })
  const service: MockService = {
    name: 'explained',
    app,
    faultAnswers: {},
    reset: async () => {},
    seed: async () => ({ ok: false, error: 'no seed' }),
    close: async () => {},
  }
  const host = createMockHost()
  const { url } = await host.serve(service)
  return { url, entry: ENTRY, body: BODY, close: () => host.close() }
}
