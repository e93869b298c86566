import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Runs in the provider project, after the consumer tests have written pacts/ (package.json's test).
const PACTS = new URL('../pacts/', import.meta.url)
// crmkit-mocks verify's own tests verify these copies: they must be what the consumer tests record.
const COPIES = new URL('../../packages/mocks/test/fixtures/crmkit-pacts/', import.meta.url)
const REFRESH = 'refresh them: pnpm --filter @crmkit/contracts sync-fixtures'

const jsonFiles = (dir: URL) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
const read = (dir: URL, name: string): unknown => JSON.parse(readFileSync(new URL(name, dir), 'utf8'))

describe("@crmkit/mocks' copies of these pacts (packages/mocks/test/fixtures/crmkit-pacts)", () => {
  it('are the pacts the consumer tests just wrote, interaction for interaction', () => {
    const written = jsonFiles(PACTS)
    expect(written.length, 'the consumer tests wrote no pact').toBeGreaterThan(0)
    expect(jsonFiles(COPIES), `the copies are not the same files: ${REFRESH}`).toEqual(written)
    // Compared as JSON: the copies are formatted by Biome, the pacts as Pact writes them.
    for (const name of written)
      expect(read(COPIES, name), `${name} differs from what the consumer tests record: ${REFRESH}`).toEqual(
        read(PACTS, name),
      )
  })
})
