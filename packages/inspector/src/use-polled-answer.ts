import { useState } from 'preact/hooks'
import { errorText } from './error-text.js'
import { usePoll } from './use-poll.js'

/**
 * An admin API answer kept fresh with `usePoll`: the last answer read, the problem of the last read that
 * failed (cleared by the next that works), a function that reads it again now, and one that shows the
 * problem of an action the page took on it.
 */
export function usePolledAnswer<T>(
  load: () => Promise<T>,
  intervalMs: number,
  deps: readonly unknown[],
): {
  answer: T | undefined
  problem: string | undefined
  refresh: () => void
  report: (error: unknown) => void
} {
  const [answer, setAnswer] = useState<T>()
  const [problem, setProblem] = useState<string>()
  const refresh = usePoll(
    async () => {
      try {
        setAnswer(await load())
        setProblem(undefined)
      } catch (error) {
        setProblem(errorText(error))
      }
    },
    intervalMs,
    deps,
  )
  return { answer, problem, refresh, report: (error) => setProblem(errorText(error)) }
}
