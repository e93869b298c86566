import { constants, PerformanceObserver } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { createYoungCollector } from './young-collector.js'

/** Young-generation collections seen while `run` runs (Node reports each as a `gc` performance entry). */
async function minorCollections(run: () => void): Promise<number> {
  let seen = 0
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as unknown as { detail?: { kind?: number } }
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) seen++
    }
  })
  observer.observe({ entryTypes: ['gc'] })
  run()
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50))
  observer.disconnect()
  return seen
}

describe('createYoungCollector', () => {
  it('runs a young collection each time the bytes counted pass the interval, and not before', async () => {
    const count = createYoungCollector(1000)
    expect(await minorCollections(() => count(999))).toBe(0)
    expect(await minorCollections(() => count(1))).toBe(1)
    expect(await minorCollections(() => [600, 600, 600, 600].forEach(count))).toBe(2)
  })
})
