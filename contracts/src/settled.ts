import { getFfiLib } from '@pact-foundation/pact-core'

interface MockServer {
  port: number
  url: string
}

/** How long a mock server may take to record a request it has already answered; only a failing test waits it out. */
const RECORDING_TIMEOUT_MS = 2_000
const POLL_MS = 5

/**
 * Wraps an `executeTest` callback so that the test ends only once Pact's mock server has recorded every
 * expected request it received.
 *
 * Pact's mock server answers a request and hands the match result to an event loop of its own, which records
 * it later (pact_mock_server `start_event_loop`). `executeTest` reads the results as soon as the callback
 * returns, so on a busy machine a request that was answered can still be "expected but not received". This
 * polls the same results until no expected request is missing (matched or not), or the timeout passes and
 * Pact reports what it has.
 */
export const settled =
  <T>(testFn: (server: MockServer) => Promise<T>) =>
  async (server: MockServer): Promise<T> => {
    const value = await testFn(server)
    await untilRecorded(server.port)
    return value
  }

async function untilRecorded(port: number): Promise<void> {
  const ffi = getFfiLib()
  const deadline = Date.now() + RECORDING_TIMEOUT_MS
  while (Date.now() < deadline) {
    const results = JSON.parse(ffi.pactffiMockServerMismatches(port)) as { type?: string }[]
    if (!results.some((result) => result.type === 'missing-request')) return
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
