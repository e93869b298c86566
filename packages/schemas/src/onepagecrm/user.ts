import { z } from 'zod'
import { bsonId } from './common.js'

/** `User`, as far as the mock fills it. */
export const user = z.strictObject({
  id: bsonId,
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  company_name: z.string(),
  photo_url: z.string(),
  account_rights: z.array(z.string()),
})

export type User = z.infer<typeof user>

/** `data` of `GET /bootstrap`, as far as the mock fills it. */
export const bootstrapData = z.strictObject({
  user_id: bsonId,
  auth_key: z.string(),
  user,
  team: z.array(user),
  account_type: z.string(),
})

export type BootstrapData = z.infer<typeof bootstrapData>
