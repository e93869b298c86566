// Copies the pacts the consumer tests wrote to @crmkit/mocks' test fixtures, which `crmkit-mocks verify`'s
// tests verify (test/pact-fixtures.provider.test.ts fails when they differ). Run the consumer tests first.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const pacts = fileURLToPath(new URL('../pacts/', import.meta.url))
const copies = fileURLToPath(new URL('../../packages/mocks/test/fixtures/crmkit-pacts/', import.meta.url))
const written = existsSync(pacts) ? readdirSync(pacts).filter((name) => name.endsWith('.json')) : []
if (written.length === 0) {
  console.error(
    'No pacts in contracts/pacts: run the consumer tests first (pnpm --filter @crmkit/contracts test).',
  )
  process.exit(1)
}
for (const name of readdirSync(copies)) if (!written.includes(name)) rmSync(copies + name)
for (const name of written) copyFileSync(pacts + name, copies + name)
// The repository's formatting, so that lint stays clean.
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', copies], { stdio: 'inherit' })
console.error(`Copied ${written.join(', ')} to packages/mocks/test/fixtures/crmkit-pacts/.`)
