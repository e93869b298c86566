import { z } from 'zod'

/**
 * `data` of `GET /attachments/s3_form`: the spec's `quota`, `display_quota`, `url` and `fields`, plus
 * `storage_left`, which the 2024 upload tutorial
 * (https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/) and the Java SDK's parser both
 * have. `fields` holds exactly the ten the tutorial lists; `success_action_status` is a JSON number, `key`
 * always empty.
 */
export const s3FormData = z.strictObject({
  quota: z.number().int().nonnegative(),
  storage_left: z.number().int().nonnegative(),
  display_quota: z.string(),
  url: z.url(),
  fields: z.strictObject({
    acl: z.literal('private'),
    success_action_status: z.literal(201),
    policy: z.base64(),
    'x-amz-credential': z.string().regex(/^[^/]+\/\d{8}\/[a-z0-9-]+\/s3\/aws4_request$/),
    'x-amz-algorithm': z.literal('AWS4-HMAC-SHA256'),
    'x-amz-date': z.string().regex(/^\d{8}T\d{6}Z$/),
    'x-amz-signature': z.string().regex(/^[0-9a-f]{64}$/),
    key: z.literal(''),
    'x-ignore-pattern': z.string().regex(/^[0-9a-f]{24}\/__timestamp__\/\$\{filename\}$/),
  }),
})

export type S3FormData = z.infer<typeof s3FormData>
