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
  /** The states with the params the verifier sent. */
  readonly given: readonly { readonly name: string; readonly params: Readonly<Record<string, unknown>> }[]
  readonly entries: readonly JournalEntry[]
}

export interface StateAnswer {
  readonly status: 200 | 400 | 500
  readonly body: unknown
}

export interface StatesEndpoint {
  /** One state change call of Pact's verifier: `{state, params, action}`. */
  handle(change: unknown): Promise<StateAnswer>
  readonly failures: readonly StateFailure[]
  readonly captured: readonly CapturedInteraction[]
}

/**
 * Pact's state change calls (`{state, params, action}`), before and after each interaction. An interaction
 * without states is still set up with state `""`: answered 200. Every teardown runs the states' teardown
 * steps, keeps the interaction's journal, then resets the mocks: each interaction starts from the demo
 * data, no files, no faults and the real clock. One verifier at a time.
 *
 * Pact's verifier retries a failed setup (the same state and params), then gives the interaction up: no
 * request, no teardown. The next call that is not such a retry closes the given-up interaction as a
 * teardown would, so the next one starts clean and every interaction the verifier ran is captured once,
 * in its order (the broker's report pairs them with Pact's results).
 */
export function createStatesEndpoint(run: StateRun, options: { keepJournal?: boolean } = {}): StatesEndpoint {
  const failures: StateFailure[] = []
  const captured: CapturedInteraction[] = []
  let given: { name: string; params: Record<string, unknown> }[] = []
  let teardowns: Array<() => Promise<unknown>> = []
  // How many journal entries the states' own requests made: the interaction's come after them.
  let madeByStates = 0
  // The setup that failed last, as `state\nparams`: a call repeating it is the verifier's retry.
  let failed: string | undefined
  const journal = () => run.mocks.requests().filter((entry) => !entry.path.startsWith('/__admin'))
  const close = async () => {
    for (const step of teardowns.reverse()) await step().catch(() => undefined)
    if (options.keepJournal !== false)
      captured.push({
        states: given.map((state) => state.name),
        given,
        entries: journal().slice(madeByStates),
      })
    given = []
    teardowns = []
    madeByStates = 0
    failed = undefined
    await run.mocks.reset()
  }
  return {
    failures,
    captured,
    async handle(change) {
      const event = (typeof change === 'object' && change !== null ? change : {}) as {
        state?: unknown
        params?: unknown
        action?: unknown
      }
      const state = typeof event.state === 'string' ? event.state : ''
      const params =
        typeof event.params === 'object' && event.params !== null
          ? (event.params as Record<string, unknown>)
          : {}
      if (event.action === 'teardown') {
        await close()
        return { status: 200, body: {} }
      }
      const call = `${state}\n${JSON.stringify(params)}`
      const retry = failed === call
      if (failed !== undefined && !retry) await close()
      failed = undefined
      if (state.trim() === '') return { status: 200, body: {} }
      if (!retry) given.push({ name: state, params })
      try {
        const made = await applyState(run, state, params, teardowns)
        madeByStates = journal().length
        return { status: 200, body: made ?? {} }
      } catch (error) {
        const message = (error as Error).message
        failures.push({ state, params, message })
        failed = call
        // 400: the sentence is unknown or its params wrong; 500: a step threw.
        return { status: error instanceof StateSetupError ? 400 : 500, body: { error: message } }
      }
    },
  }
}
