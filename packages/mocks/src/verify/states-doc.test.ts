import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PROVIDER_ALIASES } from './provider-routing.js'
import { BUILT_IN_STATES, VOCABULARY_VERSION } from './vocabulary.js'

const doc = readFileSync(new URL('../../STATES.md', import.meta.url), 'utf8')

describe('STATES.md', () => {
  it('lists every built-in sentence, with its version', () => {
    expect(doc).toContain(`(vocabulary ${VOCABULARY_VERSION})`)
    for (const state of BUILT_IN_STATES) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${state.template}\``))
      expect(row, state.template).toBeDefined()
      // The last column is `since`.
      expect(row?.split('|').at(-2)?.trim(), state.template).toBe(String(state.since))
    }
  })

  it('lists every provider alias', () => {
    for (const alias of Object.keys(PROVIDER_ALIASES)) expect(doc).toContain(`\`${alias}\``)
  })
})
