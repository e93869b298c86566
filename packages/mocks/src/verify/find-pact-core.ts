import { createRequire } from 'node:module'

export const PACT_CORE_INSTALL = 'npm i -D @pact-foundation/pact-core@^19.2'

/** Whether `@pact-foundation/pact-core` (an optional peer dependency, a native addon) can be loaded. */
export function pactCoreInstalled(cwd: string): boolean {
  for (const base of [`${cwd}/`, import.meta.url]) {
    try {
      createRequire(base).resolve('@pact-foundation/pact-core')
      return true
    } catch {
      // Not from here; try the next place.
    }
  }
  return false
}
