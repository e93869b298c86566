/** One difference Pact's verifier found (pact_ffi's JSON report). */
export interface PactMismatch {
  readonly type: string
  readonly path?: string
  readonly expected?: unknown
  readonly actual?: unknown
  readonly mismatch?: string
  readonly key?: string
}

export interface PactError {
  /** `Verifying a pact between C and P[ Given S] - <description>`, or `Failed to load pact`. */
  readonly interaction: string
  readonly mismatch:
    | { readonly type: 'mismatches'; readonly mismatches: readonly PactMismatch[] }
    | { readonly type: 'error'; readonly message: string }
}

/** What `verifyPacts()` resolves (or rejects with, as the message): pact_ffi's `pactffi_verifier_json`. */
export interface PactCoreReport {
  readonly result: boolean
  readonly errors: readonly PactError[]
  readonly pendingErrors?: readonly PactError[]
  readonly interactionResults?: readonly {
    readonly description: string
    readonly duration?: string
    readonly result: string
  }[]
  readonly notices?: readonly { readonly when?: string; readonly text: string }[]
  readonly output?: readonly string[]
}

/** `Verifying a pact between C and P[ Given S] - D` → its parts (the description alone when it is not that). */
export function parseInteraction(text: string): {
  consumer?: string
  provider?: string
  states?: string
  description: string
} {
  const found = /^Verifying a pact between (.+?) and (.+?)(?: Given (.+?))? - (.+)$/s.exec(text)
  if (found === null) return { description: text }
  const [, consumer, provider, states, description] = found as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
  ]
  return { consumer, provider, ...(states === undefined ? {} : { states }), description }
}

/** Pact's `49ms` / `1s 374ms` / `2m 3s 4ms` → milliseconds. */
export function durationMs(text: string | undefined): number {
  let total = 0
  for (const [, value, unit] of (text ?? '').matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h)\b/g))
    total += Number(value) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h']
  return Math.round(total)
}

/** The report inside a resolved value or a rejection's message; undefined when it is not one. */
export function readPactCoreReport(text: string): PactCoreReport | undefined {
  const start = text.indexOf('{')
  if (start < 0) return undefined
  try {
    const parsed = JSON.parse(text.slice(start)) as PactCoreReport
    return typeof parsed === 'object' && parsed !== null && Array.isArray(parsed.errors) ? parsed : undefined
  } catch {
    return undefined
  }
}
