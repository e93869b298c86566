import { expect, test } from 'vitest'
import { crashRounds, describeRound } from '../src/crash.js'
import { freshDataDir } from '../src/mocks-process.js'
import { settings } from './harness.js'

// kill -9 during concurrent writes of every kind, restart on the same --data-dir, check: five short rounds
// here, more (FUZZ_CRASH_ROUNDS, default 10) in `pnpm fuzz`.
test('kill -9 during concurrent writes: every acknowledged write survives, no orphan', async () => {
  const dir = freshDataDir('crmkit-crash-')
  const failures: string[] = []
  const { proc } = await crashRounds({
    dataDir: dir.path,
    seed: settings.seed,
    rounds: Number(process.env.FUZZ_CRASH_ROUNDS ?? 5),
    writers: 8,
    killWindowMs: [300, 1500],
    onRound: (round) => {
      console.log(describeRound(round))
      for (const failure of round.failures)
        failures.push(`round ${round.round} (kill after ${round.killAfterMs} ms): ${failure}`)
    },
  })
  await proc.stop()
  dir.remove()
  expect(
    failures,
    `FUZZ_SEED=${settings.seed}; the kill times come from it, the timing of the writes does not`,
  ).toEqual([])
})
