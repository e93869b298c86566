import type { FaultAnswers } from '@crmkit/mock-kit'
import { failures } from '@crmkit/s3-post-policy'
import type { S3Failure } from '../domain/s3-failures.js'
import { type S3Context, s3Error } from './context.js'

/** Codes and messages from AWS's S3 error list (ErrorResponses.html): the answers a client must retry. */
const FAILURES: Readonly<Record<string, S3Failure>> = {
  'slow-down': { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.', details: [] },
  'internal-error': {
    status: 500,
    code: 'InternalError',
    message: 'We encountered an internal error. Please try again.',
    details: [],
  },
  // S3's answer to a form whose policy expired (row 1 of the failure table in docs/s3-post-policy-rules.md),
  // as a clock skew would cause.
  'policy-expired': failures.policyExpired(),
  'service-unavailable': {
    status: 503,
    code: 'ServiceUnavailable',
    message: 'Service is unable to handle request.',
    details: [],
  },
}

/** The S3 emulator's named faults for `/__admin/faults`, in S3's XML. */
export const S3_FAULT_ANSWERS: FaultAnswers = Object.fromEntries(
  Object.entries(FAILURES).map(([name, failure]) => [name, (_fault, c) => s3Error(c as S3Context, failure)]),
)
