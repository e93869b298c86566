import type { PlannedPostCheck } from './check-plan.js'

/** How a check ended. `not-reached`: a check after the one that refused the form, which S3 never makes. */
export type PostCheckOutcome = 'passed' | 'failed' | 'not-reached'

/**
 * One check of a POST form as a person reads it: what was checked, its outcome, what S3 wanted and what
 * the form gave. Never a signature or a secret: a signature check says only whether it matched.
 */
export interface PostCheck {
  readonly check: string
  readonly outcome: PostCheckOutcome
  readonly expected?: string | undefined
  readonly got?: string | undefined
}

export interface PostCheckDetail {
  readonly expected?: string | undefined
  readonly got?: string | undefined
}

/**
 * What the checks that decide a verdict report as they run, each under its step of the check plan
 * (`key`, `signature`, `condition:2`…). Pass one in `VerifyOptions.trace` (and to `completePostForm`), then
 * turn it into the explanation with {@link explainPostChecks}.
 */
export interface PostCheckTrace {
  passed(step: string, detail?: PostCheckDetail): void
  failed(step: string, detail?: PostCheckDetail): void
  /** The outcome reported for `step`, if its check ran. */
  get(step: string): RecordedPostCheck | undefined
}

export interface RecordedPostCheck extends PostCheckDetail {
  readonly outcome: 'passed' | 'failed'
}

export function createPostCheckTrace(): PostCheckTrace {
  const outcomes = new Map<string, RecordedPostCheck>()
  const report = (step: string, outcome: 'passed' | 'failed', detail: PostCheckDetail = {}) => {
    outcomes.set(step, { outcome, ...detail })
  }
  return {
    passed: (step, detail) => report(step, 'passed', detail),
    failed: (step, detail) => report(step, 'failed', detail),
    get: (step) => outcomes.get(step),
  }
}

/** A trace that keeps nothing, for callers that want the verdict alone. */
export const NO_TRACE: PostCheckTrace = { passed() {}, failed() {}, get: () => undefined }

/**
 * Every check of `plan`, in the plan's order (S3's), with the outcome the trace recorded. S3 stops at the
 * first failure, so every check after the first failed one is `not-reached`, whatever a streaming server
 * learned about it meanwhile; so is a check the trace has no outcome for.
 */
export function explainPostChecks(plan: readonly PlannedPostCheck[], trace: PostCheckTrace): PostCheck[] {
  const checks: PostCheck[] = []
  let stopped = false
  for (const { step, check } of plan) {
    const recorded: RecordedPostCheck | undefined = stopped ? undefined : trace.get(step)
    if (recorded === undefined) {
      checks.push({ check, outcome: 'not-reached' })
      continue
    }
    checks.push({
      check,
      outcome: recorded.outcome,
      ...(recorded.expected === undefined ? {} : { expected: recorded.expected }),
      ...(recorded.got === undefined ? {} : { got: recorded.got }),
    })
    stopped = recorded.outcome === 'failed'
  }
  return checks
}
