import type { SharpSpringState } from './state.js'
import { TABLE_NAMES } from './tables.js'

/** A deep copy, to restore the starting state on `POST /__admin/reset`. */
export function cloneState(state: SharpSpringState): SharpSpringState {
  return structuredClone(state)
}

/** Puts `source`'s content into `target` in place (the app holds `target`). */
export function restoreState(target: SharpSpringState, source: SharpSpringState): void {
  const copy = cloneState(source)
  for (const type of Object.keys(target.objects) as Array<keyof SharpSpringState['objects']>) {
    target.objects[type].clear()
    for (const [id, row] of copy.objects[type]) target.objects[type].set(id, row)
  }
  target.fields.clear()
  for (const [name, field] of copy.fields) target.fields.set(name, field)
  for (const name of TABLE_NAMES) {
    target.tables[name].clear()
    for (const [id, row] of copy.tables[name]) target.tables[name].set(id, row)
  }
}
