import type { ApiConfig } from './api-config.js'
import type { NewId } from './object-id.js'
import type { CrmState, UserRecord } from './records.js'

/** What every API operation runs with: the state, the caller, the time and the id source. */
export interface CrmContext {
  readonly state: CrmState
  readonly config: ApiConfig
  readonly user: UserRecord
  readonly now: Date
  readonly newId: NewId
}
