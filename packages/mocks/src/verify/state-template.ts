import { readParam, type StateParamType } from './state-params.js'

export type TemplateMatch =
  | { readonly ok: true; readonly params: Record<string, unknown> }
  | { readonly ok: false; readonly error: string }

export interface StateTemplate {
  readonly template: string
  /** The placeholders, in the sentence's order. */
  readonly names: readonly string[]
  /** The sentence with every placeholder as `{}`: two templates with the same key are the same state. */
  readonly key: string
  /** A pact's state name (and params) → the parameters, an error saying what is wrong, or undefined: not this state. */
  match(name: string, params?: Readonly<Record<string, unknown>>): TemplateMatch | undefined
}

const PLACEHOLDER = /(\{[A-Za-z_][A-Za-z0-9_]*\})/

/** Spaces collapsed and ends trimmed, as a sentence is compared. */
export const normalizeSentence = (text: string): string => text.trim().replace(/\s+/g, ' ')

/**
 * `a lead {id} exists` → matches `a lead {id} exists` with `params.id`, and `a lead 411000001 exists`
 * (a V2 pact, or a hand-written name). Params from the pact win; a `{name}` left in the sentence counts
 * as not given. Each value is read by its declared type (`string` when none is declared).
 */
export function compileTemplate(
  template: string,
  types: Readonly<Record<string, StateParamType>> = {},
): StateTemplate {
  const names: string[] = []
  const pieces = normalizeSentence(template).split(PLACEHOLDER)
  const source = pieces
    .map((piece) => {
      const placeholder = /^\{(.+)\}$/.exec(piece)
      if (placeholder === null) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(placeholder[1] as string)
      return '(.+?)'
    })
    .join('')
  const pattern = new RegExp(`^${source}$`, 'i')
  const key = pieces.map((piece) => (PLACEHOLDER.test(piece) ? '{}' : piece.toLowerCase())).join('')
  return {
    template,
    names,
    key,
    match(name, params = {}) {
      const found = pattern.exec(normalizeSentence(name))
      if (found === null) return undefined
      const out: Record<string, unknown> = { ...params }
      names.forEach((param, index) => {
        const text = found[index + 1] as string
        if (out[param] === undefined && text !== `{${param}}`) out[param] = text
      })
      const missing = names.filter((param) => out[param] === undefined)
      if (missing.length > 0)
        return {
          ok: false,
          error: `State "${template}" needs ${missing.map((param) => `{${param}}`).join(', ')}: give it in the pact's params or in the sentence.`,
        }
      for (const [param, type] of Object.entries(types)) {
        if (out[param] === undefined) continue
        const read = readParam(type, out[param])
        if (!read.ok)
          return {
            ok: false,
            error: `State "${template}": {${param}} must be ${read.error}, not ${JSON.stringify(out[param])}.`,
          }
        out[param] = read.value
      }
      return { ok: true, params: out }
    },
  }
}
