import { useEffect, useRef } from 'preact/hooks'

/**
 * Runs `task` now and then `intervalMs` after each run ends (never two at once), while `enabled` and the
 * page is visible; again at once whenever `deps` change (also when not `enabled`: a paused list still
 * follows its filters). Returns a function that runs it now, after an action the page took.
 *
 * Polling, not server-sent events: the journal has no change feed to push from, and a short request on the
 * admin API's own guarded routes keeps no connection open that stopping the mocks would wait on.
 */
export function usePoll(
  task: () => Promise<void>,
  intervalMs: number,
  deps: readonly unknown[],
  enabled = true,
): () => void {
  const latest = useRef(task)
  latest.current = task
  const kick = useRef<() => void>(() => {})
  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let running = false
    let again = false
    const run = async () => {
      if (stopped) return
      if (running) {
        again = true
        return
      }
      clearTimeout(timer)
      running = true
      try {
        if (document.visibilityState !== 'hidden') await latest.current()
      } finally {
        running = false
        if (!stopped) {
          if (again) {
            again = false
            void run()
          } else if (enabled) timer = setTimeout(run, intervalMs)
        }
      }
    }
    kick.current = () => void run()
    const onVisible = () => {
      if (document.visibilityState === 'visible') void run()
    }
    document.addEventListener('visibilitychange', onVisible)
    void run()
    return () => {
      stopped = true
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisible)
      kick.current = () => {}
    }
  }, [enabled, intervalMs, ...deps])
  return () => kick.current()
}
