import type { FaultAnswers } from '@crmkit/mock-kit'
import { refusalAnswer } from './journal-outcome.js'

/**
 * The named faults of `/__admin/faults`, in SharpSpring's envelope over HTTP 200 (FIDELITY.md, "Injected
 * faults"). They answer before the body is read, so the request id is unknown and echoed as null.
 */
export const SHARPSPRING_FAULT_ANSWERS: FaultAnswers = {
  'per-second-limit': (_fault, c) => refusalAnswer(c, 107),
  'daily-limit': (_fault, c) => refusalAnswer(c, 106),
  'server-error': (_fault, c) => refusalAnswer(c, 999, 500),
}
