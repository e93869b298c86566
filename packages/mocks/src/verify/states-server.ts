import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { StateRun } from './state-context.js'
import { type CapturedInteraction, createStatesEndpoint, type StateFailure } from './states-endpoint.js'

export type { CapturedInteraction, StateFailure } from './states-endpoint.js'

export interface StatesServer {
  /** The verifier's `providerStatesSetupUrl`. */
  readonly url: string
  readonly failures: readonly StateFailure[]
  readonly captured: readonly CapturedInteraction[]
  close(): Promise<void>
}

const MAX_BODY_BYTES = 64 * 1024

async function readBody(request: IncomingMessage): Promise<string> {
  let text = ''
  for await (const chunk of request) {
    text += chunk
    if (text.length > MAX_BODY_BYTES) throw new Error('The state change body is larger than 64 KiB.')
  }
  return text
}

/**
 * The state endpoint of one `verify` run, on a port of its own (loopback): it uses the run's vocabulary
 * and `--states` modules, and keeps what the report needs (state errors, the journal of each interaction).
 */
export async function startStatesServer(run: StateRun): Promise<StatesServer> {
  const endpoint = createStatesEndpoint(run)
  const server = createServer(async (request, response) => {
    let answer: { status: number; body: unknown }
    try {
      answer = await endpoint.handle(JSON.parse(await readBody(request)))
    } catch (error) {
      answer = {
        status: 400,
        body: { error: `The state change body is not JSON: ${(error as Error).message}` },
      }
    }
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    failures: endpoint.failures,
    captured: endpoint.captured,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
