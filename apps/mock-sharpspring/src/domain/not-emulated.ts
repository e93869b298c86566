import { type Failure, failure } from './failure.js'
import { apiError, type MethodResult, type Params } from './method-result.js'

/**
 * The `data` of a refusal of something the mock does not emulate: it names each parameter, key or method and
 * says so, rather than answering a success that ignored it (CONTRIBUTING.md: never a silent yes).
 */
export function notEmulatedData(names: readonly string[], emulated?: readonly string[]) {
  const what = names.join(', ')
  return {
    notEmulated: names,
    reason: `${what} ${names.length === 1 ? 'is' : 'are'} not emulated by crmkit`,
    ...(emulated === undefined ? {} : { emulated }),
  }
}

/** 205 "Invalid parameters." naming what is not emulated; object-level or API-level alike. */
export const notEmulated = (names: readonly string[], emulated?: readonly string[]): Failure =>
  failure(205, notEmulatedData(names, emulated))

/** The API-level 205 for every parameter of `params` outside `known`, or undefined when there is none. */
export function unexpectedParams(params: Params, known: readonly string[]): MethodResult | undefined {
  const extra = Object.keys(params).filter((name) => !known.includes(name))
  return extra.length === 0 ? undefined : apiError(205, notEmulatedData(extra, known))
}
