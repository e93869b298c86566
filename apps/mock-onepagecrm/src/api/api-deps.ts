import type { Clock, FaultInjector, RandomBytes, RenderedAnswers } from '@crmkit/mock-kit'
import type { ApiConfig } from './domain/api-config.js'
import type { AttachmentStorage } from './domain/attachment-storage.js'
import type { NewId } from './domain/object-id.js'
import type { RateLimiter } from './domain/rate-limiter.js'
import type { CrmState } from './domain/records.js'

/** Everything the API app runs on; `createApiApp(deps)` never listens. */
export interface ApiDeps {
  readonly state: CrmState
  readonly config: ApiConfig
  readonly storage: AttachmentStorage
  readonly clock: Clock
  readonly newId: NewId
  /** The randomness of new API keys (`POST /change_auth_key`); default the operating system's. */
  readonly random?: RandomBytes | undefined
  /** Consulted per request when `config.throttle` is on. */
  readonly limiter: RateLimiter
  /** Makes the state durable after a change (a no-op without `--data-dir`); the answer waits for it. */
  readonly persist: (state: CrmState) => Promise<void>
  /**
   * Where read routes' answers are kept between changes (`createRenderedAnswers`, mock-kit); none: every request
   * renders. Whoever changes `state` other than through the API (a seed, a reset) calls its `changed()`.
   */
  readonly renderedAnswers?: RenderedAnswers | undefined
  /** Faults armed through the admin API (service `onepagecrm`). */
  readonly faults?: FaultInjector | undefined
}
