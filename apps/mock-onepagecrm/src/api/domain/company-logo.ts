import { type ApiResult, notFound, ok, unprocessable, unsupportedMediaType } from './api-failures.js'
import type { AttachmentStorage } from './attachment-storage.js'
import { type JsonObject, unwrapBody } from './body-fields.js'
import type { CrmContext } from './crm-context.js'
import { decodeImage } from './images.js'
import type { CompanyRecord } from './records.js'
import { isoSeconds } from './time.js'

// A company's logo (the spec's updateCompanyLogo and deleteCompanyLogo, https://github.com/OnePageCRM/swagger):
// "The previous logo is removed and then new image is set"; the spec documents 415 (an image type the
// server does not take) and 422 (well-formed but unprocessable) for it. The image goes to the S3 bucket and
// its link is the company's `photo_url`; logos do not count against the account's storage (inferred).

/** `PATCH /companies/{id}/logo` with `{"image": "data:image/png;base64,…"}` (or plain base64). */
export async function setCompanyLogo(
  ctx: CrmContext,
  id: string,
  body: JsonObject,
  storage: AttachmentStorage,
): Promise<ApiResult<CompanyRecord>> {
  if (!ctx.state.companies.has(id)) return notFound('company', id)
  const image = decodeImage(unwrapBody(body, 'company').image)
  if (image === 'not-base64') return unprocessable({ image: 'image must be a base64 encoded image' })
  if (image === 'unsupported-type') return unsupportedMediaType({ image: 'image must be a PNG or a JPEG' })
  const key = `companies/${id}/${ctx.now.getTime()}/${ctx.newId()}-logo.${image.extension}`
  await storage.put(key, image.bytes, image.contentType, ctx.now)
  const company = ctx.state.companies.get(id)
  if (company === undefined) return notFound('company', id)
  const updated = { ...company, logo_key: key, modified_at: isoSeconds(ctx.now) }
  ctx.state.companies.set(id, updated)
  return ok(updated)
}

/** `DELETE /companies/{id}/logo`: "the photo_url field value is null in the company" (the spec). */
export function deleteCompanyLogo(ctx: CrmContext, id: string): ApiResult<CompanyRecord> {
  const company = ctx.state.companies.get(id)
  if (company === undefined) return notFound('company', id)
  const updated = { ...company, logo_key: null, modified_at: isoSeconds(ctx.now) }
  ctx.state.companies.set(id, updated)
  return ok(updated)
}
