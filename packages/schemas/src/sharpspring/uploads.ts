import { z } from 'zod'
import { rpcError } from './envelope.js'

/**
 * One file of an `/uploadFiles` answer, in part order. The response is undocumented; crmkit's mock models
 * it on the bulk writes' items with the file's name and, once stored, its URL (FIDELITY.md, INFER).
 */
export const uploadItem = z.object({
  success: z.boolean(),
  error: rpcError.nullable(),
  id: z.number().int().optional(),
  fileName: z.string(),
  url: z.url().optional(),
})

export type UploadItem = z.infer<typeof uploadItem>

/** `result` of `/uploadFiles`. */
export const uploadFilesResult = z.object({ uploads: z.array(uploadItem) })

export type UploadFilesResult = z.infer<typeof uploadFilesResult>

/** `result` of `/uploadProductImage` (INFER, like `/uploadFiles`): the product's id and its new image URL. */
export const uploadProductImageResult = z.object({
  success: z.literal(true),
  error: z.null(),
  id: z.number().int(),
  imageURL: z.url(),
})

export type UploadProductImageResult = z.infer<typeof uploadProductImageResult>
