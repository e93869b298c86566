import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { JournalEntry } from '@crmkit/mock-kit'
import { applyState, type StateRun, StateSetupError } from './state-context.js'

export interface StateFailure {
  readonly state: string
  readonly params: Readonly<Record<string, unknown>>
  readonly message: string
}

/** What one interaction did between its first setup and its teardown: its states and the mock's journal. */
export interface CapturedInteraction {
  readonly states: readonly string[]
  readonly entries: readonly JournalEntry[]
}

export interface StatesServer {
  /** The verifier's `providerStatesSetupUrl`. */
  readonly url: string
  readonly failures: readonly StateFailure[]
  readonly captured: readonly CapturedInteraction[]
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024

async function readBody(request: IncomingMessage): Promise<string> {
  let text = ''
  for await (const chunk of request) {
    text += chunk
    if (text.length > MAX_BODY_BYTES) throw new Error('The state change body is larger than 1 MiB.')
  }
  return text
}

/**
 * The state change endpoint Pact's verifier calls (`POST {state, params, action}`), before and after each
 * interaction. An interaction without states is still set up with state `""`: answered 200. Every teardown
 * keeps the journal of the interaction, then resets the mocks: each interaction starts from the demo data,
 * no files, no faults and the real clock.
 */
export async function startStatesServer(run: StateRun): Promise<StatesServer> {
  const failures: StateFailure[] = []
  const captured: CapturedInteraction[] = []
  let states: string[] = []
  let teardowns: Array<() => Promise<unknown>> = []
  // How many journal entries the states' own requests made: the interaction's come after them.
  let madeByStates = 0
  const journal = () => run.mocks.requests().filter((entry) => !entry.path.startsWith('/__admin'))
  const server = createServer(async (request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    let event: { state?: unknown; params?: unknown; action?: unknown }
    try {
      event = JSON.parse(await readBody(request)) as typeof event
    } catch (error) {
      answer(400, { error: `The state change body is not JSON: ${(error as Error).message}` })
      return
    }
    const state = typeof event.state === 'string' ? event.state : ''
    const params =
      typeof event.params === 'object' && event.params !== null
        ? (event.params as Record<string, unknown>)
        : {}
    if (event.action === 'teardown') {
      for (const step of teardowns.reverse()) await step().catch(() => undefined)
      const entries = journal().slice(madeByStates)
      if (entries.length > 0 || states.length > 0) captured.push({ states, entries })
      states = []
      teardowns = []
      madeByStates = 0
      await run.mocks.reset()
      answer(200, {})
      return
    }
    if (state.trim() === '') {
      answer(200, {})
      return
    }
    states.push(state)
    try {
      const made = await applyState(run, state, params, teardowns)
      madeByStates = journal().length
      answer(200, made ?? {})
    } catch (error) {
      const message = (error as Error).message
      failures.push({ state, params, message })
      // 400: the sentence is unknown or its params wrong; 500: a step threw.
      answer(error instanceof StateSetupError ? 400 : 500, { error: message })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    failures,
    captured,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
