import type { FaultAnswers } from '@crmkit/mock-kit'
import { errorEnvelope } from './envelope.js'

/**
 * The named faults of `/__admin/faults`, in SharpSpring's envelope over HTTP 200 (FIDELITY.md, "Injected
 * faults"). They answer before the body is read, so the request id is unknown and echoed as null.
 */
export const SHARPSPRING_FAULT_ANSWERS: FaultAnswers = {
  'per-second-limit': (_fault, c) => c.json(errorEnvelope(107, null)),
  'daily-limit': (_fault, c) => c.json(errorEnvelope(106, null)),
  'server-error': (_fault, c) => c.json(errorEnvelope(999, null), 500),
}
