import { describe, expect, it } from 'vitest'
import { editDistance } from './closest-sentence.js'
import { createStateRegistry, StatesModuleError } from './state-registry.js'
import { BUILT_IN_STATES, VOCABULARY_VERSION } from './vocabulary.js'

const registry = (modules: Parameters<typeof createStateRegistry>[2] = []) =>
  createStateRegistry(BUILT_IN_STATES, VOCABULARY_VERSION, modules)

describe('the state vocabulary', () => {
  it('resolves the sentences of the issue for their provider', () => {
    const cases: [Parameters<ReturnType<typeof registry>['resolve']>[0], string, Record<string, unknown>][] =
      [
        ['sharpspring', 'a lead 5 exists', { id: 5 }],
        ['sharpspring', 'a lead 5 exists with File Upload field docs_1', { id: 5, systemName: 'docs_1' }],
        [
          'sharpspring',
          'leads 1, 2 exist with File Upload field docs_1',
          { ids: [1, 2], systemName: 'docs_1' },
        ],
        ['sharpspring', 'the API is rate limiting', {}],
        ['onepagecrm', 'a contact 5ae06ef9d55673108fe8877f exists', { id: '5ae06ef9d55673108fe8877f' }],
        ['onepagecrm', 'a file c/1/a.txt was uploaded for contact c', { key: 'c/1/a.txt', id: 'c' }],
        ['onepagecrm', 'the API is throttling requests', {}],
        ['s3', 'object a/b.txt exists in bucket my-bucket', { key: 'a/b.txt', bucket: 'my-bucket' }],
        ['s3', 'the upload form expired', {}],
        ['s3', 'the clock is 2026-01-15T09:00:00Z', { time: '2026-01-15T09:00:00.000Z' }],
        ['s3', 'the bucket acme-uploads exists', { bucket: 'acme-uploads' }],
        ['s3', 'S3 answers 503', { service: 'S3', status: 503 }],
        ['onepagecrm', 'OnePageCRM answers 500', { service: 'OnePageCRM', status: 500 }],
      ]
    for (const [provider, sentence, params] of cases) {
      const resolved = registry().resolve(provider, sentence)
      expect(resolved, sentence).toMatchObject({ ok: true, params })
    }
  })

  it("keeps crmkit's own contract sentences, with their params", () => {
    expect(
      registry().resolve('sharpspring', 'leads exist with a File Upload field', {
        leadIds: [1],
        fieldSystemName: 'f',
      }),
    ).toMatchObject({ ok: true, params: { leadIds: [1], fieldSystemName: 'f' } })
    expect(
      registry().resolve('s3', 'a POST policy signed with the emulator credentials has expired', {
        signedAt: '2026-01-15T09:00:00.000Z',
      }),
    ).toMatchObject({ ok: true })
  })

  it('names the closest known sentence for an unknown one', () => {
    expect(registry().resolve('sharpspring', 'a lead 5 exist')).toEqual({
      ok: false,
      error:
        'Unknown provider state "a lead 5 exist" for sharpspring (vocabulary v1). Closest: "a lead {id} exists".',
    })
  })

  it("does not give one mock's sentence to another", () => {
    expect(registry().resolve('s3', 'a lead 5 exists').ok).toBe(false)
  })

  it('adds a module of states, first in line', async () => {
    const setup = () => ({ vip: true })
    const states = registry([{ path: 'states.js', module: { states: { 'a VIP lead {id} exists': setup } } }])
    const resolved = states.resolve('sharpspring', 'a VIP lead 7 exists')
    expect(resolved).toMatchObject({ ok: true, params: { id: '7' } })
    expect(resolved.ok && resolved.state.source).toBe('states.js')
  })

  it('refuses a sentence that clashes with a built-in one, unless it overrides it', () => {
    const clash = { path: 'states.js', module: { states: { 'a lead {leadId} exists': () => undefined } } }
    expect(() => registry([clash])).toThrow(StatesModuleError)
    expect(() => registry([clash])).toThrow(/clashes with "a lead \{id\} exists"/)
    const override = {
      path: 'states.js',
      module: { states: { 'a lead {leadId} exists': { setup: () => undefined, override: true } } },
    }
    expect(registry([override]).resolve('sharpspring', 'a lead 1 exists')).toMatchObject({
      ok: true,
      params: { leadId: '1' },
    })
  })

  it('refuses a module that is not one, or is written for a later vocabulary', () => {
    expect(() => registry([{ path: 'x.js', module: {} as never }])).toThrow(/export \{states/)
    expect(() => registry([{ path: 'x.js', module: { states: { a: 5 as never } } }])).toThrow(
      /neither a function/,
    )
    expect(() => registry([{ path: 'x.js', module: { vocabulary: 99, states: {} } }])).toThrow(
      /vocabulary 99/,
    )
  })

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(editDistance('A', 'a')).toBe(0)
  })

  it("gives a sentence that fits two templates to the one whose parameters read: a module's, after a built-in's", () => {
    const slow = () => ({ slow: true })
    const withModule = registry([{ path: 'crm.mjs', module: { states: { 'the CRM answers {how}': slow } } }])
    expect(withModule.resolve('sharpspring', 'the CRM answers slowly')).toMatchObject({
      ok: true,
      params: { how: 'slowly' },
      state: { source: 'crm.mjs' },
    })
    expect(withModule.resolve('sharpspring', 'SharpSpring answers 500')).toMatchObject({
      ok: true,
      state: { source: 'built-in' },
    })
    // Without the module, the built-in's error says what is wrong.
    expect(registry().resolve('sharpspring', 'the CRM answers slowly')).toMatchObject({
      ok: false,
      error: expect.stringContaining('{status} must be a whole number'),
    })
  })
})
