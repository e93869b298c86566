import { randomInt } from 'node:crypto'
import type { AnyEndpoint, Settings } from './runner.js'

/** The seed of the bounded run inside `pnpm test`: fixed, so a failure there reproduces as it is. */
export const BOUNDED_SEED = 20_260_101

function numberFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]
  if (text === undefined || text.trim() === '') return undefined
  const value = Number(text)
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, not ${JSON.stringify(text)}`)
  return value
}

/**
 * The bounded run (`pnpm test`): a fixed seed, ~150 bodies per upload endpoint and ~25 per JSON endpoint,
 * each endpoint capped at a few seconds. FUZZ_SEED, FUZZ_RUNS, FUZZ_JSON_RUNS and FUZZ_CASE still apply.
 */
export function boundedSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    seed: numberFrom(env, 'FUZZ_SEED') ?? BOUNDED_SEED,
    long: false,
    uploadRuns: numberFrom(env, 'FUZZ_RUNS') ?? 150,
    jsonRuns: numberFrom(env, 'FUZZ_JSON_RUNS') ?? 25,
    endpointBudgetMs: (numberFrom(env, 'FUZZ_BUDGET_S') ?? 10) * 1000,
    // Waits that end as soon as their condition holds, generous so that a CI machine busy with other
    // tasks (turbo runs lint, type checks and tests side by side) gives no false report.
    timeoutMs: 10_000,
    cutShortWaitMs: 300,
    settleMs: 1000,
    leftoverWaitMs: 2000,
    resetEvery: 100,
    shrinkBudget: 5,
    maxClasses: 12,
    onlyCase: numberFrom(env, 'FUZZ_CASE'),
  }
}

/**
 * The long run (`pnpm fuzz`): a random seed (printed; FUZZ_SEED replays it), FUZZ_RUNS (default 10,000)
 * bodies per upload endpoint and FUZZ_JSON_RUNS (default 2,000) per JSON endpoint, no time cap unless
 * FUZZ_BUDGET_S.
 */
export function longSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    seed: numberFrom(env, 'FUZZ_SEED') ?? randomInt(1, 2 ** 31 - 1),
    long: true,
    uploadRuns: numberFrom(env, 'FUZZ_RUNS') ?? 10_000,
    jsonRuns: numberFrom(env, 'FUZZ_JSON_RUNS') ?? 2_000,
    endpointBudgetMs: (numberFrom(env, 'FUZZ_BUDGET_S') ?? 0) * 1000,
    timeoutMs: 10_000,
    cutShortWaitMs: 500,
    settleMs: 500,
    leftoverWaitMs: 500,
    resetEvery: 200,
    shrinkBudget: 30,
    maxClasses: 40,
    onlyCase: numberFrom(env, 'FUZZ_CASE'),
  }
}

/** FUZZ_ENDPOINT: an endpoint id, or a part of ids (`sharpspring`, `attachments`). */
export function selectEndpoints(
  all: readonly AnyEndpoint[],
  env: NodeJS.ProcessEnv = process.env,
): AnyEndpoint[] {
  const wanted = env.FUZZ_ENDPOINT?.trim()
  if (wanted === undefined || wanted === '') return [...all]
  const exact = all.filter((endpoint) => endpoint.id === wanted)
  if (exact.length > 0) return exact
  const some = all.filter((endpoint) => endpoint.id.includes(wanted))
  if (some.length === 0)
    throw new Error(`FUZZ_ENDPOINT=${wanted} matches none of: ${all.map((e) => e.id).join(', ')}`)
  return some
}
