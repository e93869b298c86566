import type { ServiceName } from '../mocks-info.js'
import type { BuiltInState } from './built-in-state.js'
import { closestSentence } from './closest-sentence.js'
import type { StateDefinition, StateStep, StatesModule } from './define-states.js'
import { compileTemplate, type StateTemplate } from './state-template.js'

export interface RegisteredState {
  readonly template: StateTemplate
  readonly provider: ServiceName | 'any'
  readonly setup: StateStep
  readonly teardown?: StateStep | undefined
  /** `built-in`, or the path of the `--states` module. */
  readonly source: string
}

export type ResolvedState =
  | { readonly ok: true; readonly state: RegisteredState; readonly params: Record<string, unknown> }
  | { readonly ok: false; readonly error: string }

export interface StateRegistry {
  readonly vocabulary: number
  readonly states: readonly RegisteredState[]
  /** The state a pact's sentence names for this mock, with its parameters read. */
  resolve(provider: ServiceName, name: string, params?: Readonly<Record<string, unknown>>): ResolvedState
}

/** A `--states` module that cannot be used (exit 2). */
export class StatesModuleError extends Error {}

export interface LoadedStatesModule {
  readonly path: string
  readonly module: StatesModule
}

/**
 * The built-in sentences of vocabulary `vocabulary` and below, and every `--states` module's. A module's
 * sentence of the same shape as a built-in one (or another module's) is refused unless it says `override`.
 */
export function createStateRegistry(
  builtIns: readonly BuiltInState[],
  vocabulary: number,
  modules: readonly LoadedStatesModule[] = [],
): StateRegistry {
  let states: RegisteredState[] = builtIns
    .filter((state) => state.since <= vocabulary)
    .map((state) => ({
      template: compileTemplate(state.template, state.params),
      provider: state.provider,
      setup: state.setup,
      source: 'built-in',
    }))
  for (const { path, module } of modules) {
    if (
      typeof module !== 'object' ||
      module === null ||
      typeof module.states !== 'object' ||
      module.states === null
    )
      throw new StatesModuleError(
        `${path}: export {states: {"<sentence>": setup}} (defineStates), not ${typeof module}.`,
      )
    if (
      module.vocabulary !== undefined &&
      (!Number.isInteger(module.vocabulary) || module.vocabulary > vocabulary)
    )
      throw new StatesModuleError(
        `${path}: written for vocabulary ${module.vocabulary}, but this run uses vocabulary ${vocabulary}.`,
      )
    for (const [sentence, entry] of Object.entries(module.states)) {
      const definition: StateDefinition | undefined =
        typeof entry === 'function'
          ? { setup: entry }
          : typeof entry?.setup === 'function'
            ? entry
            : undefined
      if (definition === undefined)
        throw new StatesModuleError(
          `${path}: state "${sentence}" is neither a function nor {setup: function}.`,
        )
      if (definition.teardown !== undefined && typeof definition.teardown !== 'function')
        throw new StatesModuleError(`${path}: state "${sentence}": teardown must be a function.`)
      const template = compileTemplate(sentence, definition.params)
      const clash = states.find((state) => state.template.key === template.key)
      if (clash !== undefined && !(definition.override === true && clash.source === 'built-in'))
        throw new StatesModuleError(
          `${path}: state "${sentence}" clashes with "${clash.template.template}" (${clash.source === 'built-in' ? 'a built-in state; set override: true to replace it' : clash.source}).`,
        )
      if (clash !== undefined) states = states.filter((state) => state !== clash)
      states.push({
        template,
        provider: 'any',
        setup: definition.setup,
        teardown: definition.teardown,
        source: path,
      })
    }
  }
  return {
    vocabulary,
    states,
    resolve(provider, name, params = {}) {
      const candidates = states.filter((state) => state.provider === provider || state.provider === 'any')
      // A sentence may fit several templates (`{service} answers {status}` and a module's `the CRM answers
      // slowly`): the first whose parameters read wins; else the first one's error says what is wrong.
      let misread: ResolvedState | undefined
      for (const state of candidates) {
        const matched = state.template.match(name, params)
        if (matched === undefined) continue
        if (matched.ok) return { ok: true, state, params: matched.params }
        misread ??= matched
      }
      if (misread !== undefined) return misread
      const closest = closestSentence(
        name,
        candidates.map((state) => state.template.template),
      )
      return {
        ok: false,
        error: `Unknown provider state "${name}" for ${provider} (vocabulary v${vocabulary}).${closest === undefined ? '' : ` Closest: "${closest}".`}`,
      }
    },
  }
}
