import { createRequire } from 'node:module'

export const PACT_CORE_INSTALL = 'npm i -D @pact-foundation/pact-core@^19.2'

/**
 * Where `@pact-foundation/pact-core` (an optional peer dependency, a native addon) loads from: the project
 * the command runs in (`cwd`) first, else beside crmkit itself (`besides`), as the verifier's process
 * looks for it. Undefined: not installed.
 */
export function findPactCore(cwd: string, besides: string = import.meta.url): string | undefined {
  for (const base of [`${cwd}/`, besides]) {
    try {
      return createRequire(base).resolve('@pact-foundation/pact-core')
    } catch {
      // Not from here; try the next place.
    }
  }
  return undefined
}

/** Whether Pact's verifier can be loaded for a command run in `cwd`. */
export const pactCoreInstalled = (cwd: string): boolean => findPactCore(cwd) !== undefined

/** What `verify` says, exit 2, when Pact's verifier is missing: what it is, and the command installing it. */
export const PACT_CORE_MISSING = `@pact-foundation/pact-core is not installed. verify runs Pact's own verifier from it (an optional peer dependency of @crmkit/mocks, not bundled: a native addon). Install it in your project with ${PACT_CORE_INSTALL}`
