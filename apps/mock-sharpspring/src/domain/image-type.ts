import { imageTypeOfBytes } from '@crmkit/mock-kit'

/** The image types a product image may be, told from the first bytes (their magic numbers). */
export type ImageType = 'png' | 'jpeg' | 'gif' | 'webp'

export function imageTypeOf(head: Uint8Array): ImageType | undefined {
  return imageTypeOfBytes(head)?.slice('image/'.length) as ImageType | undefined
}
