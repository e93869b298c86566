import type { ApiConfig } from './api-config.js'
import type { CrmState } from './records.js'

export interface StorageQuota {
  readonly quota: number
  readonly used: number
  readonly storage_left: number
  readonly display_quota: string
}

/**
 * The account's storage: 1 GB per user (spec, s3_form), less the size of every attachment and what a seed
 * says is used elsewhere (`storage_used_elsewhere`). A deleted attachment gives its bytes back (its S3
 * copy is retained, as the spec says, but no longer counted).
 */
export function storageQuota(state: CrmState, config: ApiConfig): StorageQuota {
  const quota = config.quotaPerUserBytes * Math.max(1, state.users.size)
  let used = 0
  for (const attachment of state.attachments.values()) used += attachment.size
  for (const use of state.storage_elsewhere.values()) used += use.bytes
  return { quota, used, storage_left: Math.max(0, quota - used), display_quota: displayQuota(quota) }
}

/**
 * The label beside `quota`. The vendor shows `1024MB` for 1073741824 (spec) and `200 GB` for 214748364800
 * (tutorial): binary units, MB up to 1024 of them, GB beyond (inferred from those two examples).
 */
export function displayQuota(bytes: number): string {
  const mb = bytes / 1024 ** 2
  if (mb <= 1024) return `${Math.round(mb)}MB`
  return `${Math.round((bytes / 1024 ** 3) * 10) / 10} GB`
}
