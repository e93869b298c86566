import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { RunningMocks } from '../start-mocks.js'
import type { StatesModule, StatesModuleFactory } from './define-states.js'
import { type LoadedStatesModule, StatesModuleError } from './state-registry.js'

/** A `--states` module as exported: the states, or a function of the running mocks giving them. */
export interface StatesExport {
  readonly path: string
  readonly exported: StatesModule | StatesModuleFactory
}

/**
 * Loads a `--states` module (ESM or CommonJS) with import(): its default export (CommonJS's
 * `module.exports` arrives as that), else the module's named `states`. Fails with a StatesModuleError.
 */
export async function loadStatesModule(path: string): Promise<StatesExport> {
  let loaded: { default?: unknown; states?: unknown; vocabulary?: unknown }
  try {
    loaded = (await import(pathToFileURL(resolve(path)).href)) as typeof loaded
  } catch (error) {
    throw new StatesModuleError(`--states ${path}: ${(error as Error).message}`)
  }
  const exported = loaded.default ?? (loaded.states === undefined ? undefined : loaded)
  if (typeof exported !== 'function' && (typeof exported !== 'object' || exported === null))
    throw new StatesModuleError(
      `--states ${path}: export default defineStates({states: {"<sentence>": setup}}) (or module.exports = …)`,
    )
  return { path, exported: exported as StatesExport['exported'] }
}

/** The modules' states for one run: a function is called with that run's mocks. */
export async function statesFor(
  exports: readonly StatesExport[],
  mocks: RunningMocks,
): Promise<LoadedStatesModule[]> {
  const modules: LoadedStatesModule[] = []
  for (const { path, exported } of exports) {
    if (typeof exported !== 'function') {
      modules.push({ path, module: exported })
      continue
    }
    try {
      modules.push({ path, module: await exported({ mocks }) })
    } catch (error) {
      throw new StatesModuleError(`--states ${path}: its function threw: ${(error as Error).message}`)
    }
  }
  return modules
}
