// The child process that runs Pact's verifier: its Rust core prints to this process's stdout (which the
// parent pipes) and fixes its log settings at the first call, so each pact source gets a process of its own.
import { createRequire } from 'node:module'

interface PactCore {
  verifyPacts(options: Record<string, unknown>): Promise<string>
}

process.once('message', async (message: { options: Record<string, unknown> }) => {
  let answer: { kind: 'resolved' | 'rejected'; text: string }
  try {
    // Resolved from the project that runs the command, where the optional peer dependency is installed.
    const require = createRequire(`${process.cwd()}/`)
    const path = (() => {
      try {
        return require.resolve('@pact-foundation/pact-core')
      } catch {
        return createRequire(import.meta.url).resolve('@pact-foundation/pact-core')
      }
    })()
    const loaded = (await import(path)) as { default?: PactCore } & PactCore
    const pact = loaded.default ?? loaded
    answer = { kind: 'resolved', text: await pact.verifyPacts(message.options) }
  } catch (error) {
    answer = { kind: 'rejected', text: (error as Error).message ?? String(error) }
  }
  process.send?.(answer, () => process.exit(0))
})
