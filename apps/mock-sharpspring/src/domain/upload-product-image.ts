import type { MultipartPart } from '@crmkit/mock-kit'
import { fileNameProblem } from './file-name.js'
import { imageTypeOf } from './image-type.js'
import { type Aborted, type CallOutcome, refusal } from './rpc-call.js'
import { type SharpSpringContext, sqlTimestamp } from './state.js'
import { bodyFailure, type ReceivedFile, receive, type UploadDeps } from './upload-files.js'

/**
 * `POST /pubapi/{version}/uploadProductImage` (SharpSpring's "Uploading Files" article; FIDELITY.md,
 * "Sources"): `id`, `productID`, `productImage`. The image is streamed to a temporary place, its type told
 * from its bytes (PNG, JPEG, GIF, WebP), then kept and its URL set as the product's `imageURL`, replacing any
 * earlier one. Nothing is public about the response; it follows the create results' `{success, error, id}`
 * with the URL added [INFER].
 */
export async function uploadProductImage(
  ctx: SharpSpringContext,
  parts: AsyncIterable<MultipartPart>,
  deps: UploadDeps,
): Promise<CallOutcome | Aborted> {
  const fields = new Map<string, string>()
  let image: ReceivedFile | undefined
  const discard = () => image?.pending.discard()
  try {
    for await (const part of parts) {
      if (part.kind === 'field') {
        if (!fields.has(part.name)) fields.set(part.name, part.value)
        continue
      }
      // Only the first `productImage` counts; any other file part is read and dropped.
      if (part.name !== 'productImage' || image !== undefined) {
        part.stream.resume()
        continue
      }
      image = await receive(part, deps)
    }
  } catch (error) {
    await discard()
    return bodyFailure(error, fields)
  }
  const id = fields.get('id') ?? ''
  const productId = fields.get('productID')
  const missing = [
    ...(productId === undefined || productId === '' ? ['productID'] : []),
    ...(image === undefined ? ['productImage'] : []),
  ]
  if (missing.length > 0 || image === undefined) {
    await discard()
    return refusal(206, id, { missing })
  }
  if (!/^\d+$/.test((productId as string).trim())) {
    await discard()
    return refusal(205, id, { productID: 'must be a product id (an integer)' })
  }
  const product = ctx.state.objects.product.get(String(Number((productId as string).trim())))
  if (product === undefined) {
    await discard()
    return refusal(404, id, { productID: Number(productId) })
  }
  const staged = image.pending
  if (!staged.stored) {
    await discard()
    return refusal(205, id, {
      productImage: 'too large',
      size: staged.size,
      maxSize: deps.maxFileBytes,
    })
  }
  const type = imageTypeOf(staged.head)
  if (type === undefined) {
    await discard()
    return refusal(205, id, { productImage: 'not an image: PNG, JPEG, GIF or WebP expected' })
  }
  const name = image.filename === '' ? 'image' : image.filename
  const nameProblem = fileNameProblem(name)
  if (nameProblem !== undefined) {
    await discard()
    return refusal(205, id, { productImage: nameProblem })
  }
  const url = deps.fileUrl(await image.pending.keep(name))
  product.imageURL = url
  product.updateTimestamp = sqlTimestamp(ctx.now)
  return {
    id,
    write: false,
    result: {
      kind: 'read',
      result: { success: true, error: null, id: Number(product.id), imageURL: url },
      changed: true,
    },
  }
}
