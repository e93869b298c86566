import type { Clock, FaultInjector, RandomBytes } from '@crmkit/mock-kit'
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
  /** Faults armed through the admin API (service `onepagecrm`). */
  readonly faults?: FaultInjector | undefined
}
