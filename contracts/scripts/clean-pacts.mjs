// Pact merges into existing pact files, so an interaction renamed or removed would survive and still be
// verified (contracts/README.md). Every consumer run starts from an empty pacts/.
import { rmSync } from 'node:fs'

rmSync(new URL('../pacts/', import.meta.url), { recursive: true, force: true })
