import { ANY_STATES } from './any-states.js'
import type { BuiltInState } from './built-in-state.js'
import { ONEPAGECRM_STATES } from './onepagecrm-states.js'
import { S3_STATES } from './s3-states.js'
import { SHARPSPRING_STATES } from './sharpspring-states.js'

/** The latest provider-state vocabulary (STATES.md). Adding a sentence is minor; changing one is a new number. */
export const VOCABULARY_VERSION = 1

export const BUILT_IN_STATES: readonly BuiltInState[] = [
  ...SHARPSPRING_STATES,
  ...ONEPAGECRM_STATES,
  ...S3_STATES,
  ...ANY_STATES,
]
