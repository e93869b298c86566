import type { S3PostFailure } from './failures.js'

/** The outcome of every check: a value, or the failure S3 would answer with. Failures are values, never thrown. */
export type PostPolicyResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: S3PostFailure }

export const ok = <T>(value: T): PostPolicyResult<T> => ({ ok: true, value })

export const fail = <T = never>(error: S3PostFailure): PostPolicyResult<T> => ({ ok: false, error })
