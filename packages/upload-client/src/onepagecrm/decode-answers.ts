import { onepagecrm } from '@crmkit/schemas'
import type { z } from 'zod'
import { cachedEnvelope } from '../envelope-cache.js'
import { HttpStatusError, InvalidResponseError } from '../errors/transport-errors.js'
import { OnePageCrmApiError, OnePageCrmThrottledError, S3Error } from '../errors/vendor-errors.js'
import { redactSecrets } from '../redact.js'
import { readS3Xml } from '../s3-xml.js'
import type { SendOutput } from '../send.js'
import { readJson, validateAnswer } from '../validate-answer.js'

const successEnvelope = cachedEnvelope((data: z.ZodType) => onepagecrm.successEnvelope(data))

/**
 * Reads a OnePageCRM answer: the plain-text 403 of the rate limiter (the spec's 403 says to check the
 * content type before taking a 403 for a permission error: https://github.com/OnePageCRM/swagger), the
 * JSON error envelope, or the success envelope.
 */
export function decodeOnePageCrm<T extends z.ZodType>(
  answer: SendOutput,
  data: T,
  secrets: readonly string[] = [],
): z.infer<T> {
  const type = answer.headers['content-type'] ?? ''
  if (answer.status === 403 && !type.includes('json'))
    throw new OnePageCrmThrottledError(answer.request, redactSecrets(answer.text, secrets))
  const body = readJson(answer)
  if (answer.status >= 400) {
    const parsed = onepagecrm.errorEnvelope.safeParse(body)
    if (!parsed.success)
      throw new HttpStatusError(
        answer.request,
        answer.status,
        answer.headers,
        redactSecrets(answer.text, secrets),
      )
    // An error that echoes the request must not carry the API key into a message.
    throw new OnePageCrmApiError(answer.request, redactSecrets(parsed.data, secrets))
  }
  return (validateAnswer(successEnvelope(data), body, answer) as { data: z.infer<T> }).data
}

/** Where S3 put the object, from its 201 `PostResponse`. */
export interface PostResponse {
  readonly location: string
  readonly bucket: string
  readonly key: string
  readonly etag: string
}

/** Elements of S3's `<Error>` that are not extra details. */
const ERROR_FRAME = new Set(['Code', 'Message', 'RequestId', 'HostId'])

/** Reads S3's answer to a POST upload: the `PostResponse` of a 201, or its XML `<Error>`. */
export function decodeS3(answer: SendOutput): PostResponse {
  const xml = readS3Xml(answer.text)
  const value = (name: string) => xml?.elements.find(([element]) => element === name)?.[1]
  if (answer.status >= 200 && answer.status < 300) {
    const response = {
      location: value('Location'),
      bucket: value('Bucket'),
      key: value('Key'),
      etag: value('ETag'),
    }
    const missing = Object.entries(response).filter(([, field]) => field === undefined)
    if (answer.status !== 201 || xml?.root !== 'PostResponse' || missing.length > 0) {
      throw new InvalidResponseError(answer.request, answer.status, [
        `expected 201 with a PostResponse (success_action_status 201), got ${answer.status}${
          missing.length > 0 ? ` without ${missing.map(([name]) => name).join(', ')}` : ''
        }`,
      ])
    }
    return response as PostResponse
  }
  const code = value('Code')
  if (xml?.root !== 'Error' || code === undefined) {
    throw new HttpStatusError(answer.request, answer.status, answer.headers, answer.text)
  }
  const details = Object.fromEntries((xml?.elements ?? []).filter(([name]) => !ERROR_FRAME.has(name)))
  throw new S3Error(answer.request, answer.status, {
    code,
    message: value('Message') ?? '',
    details,
    requestId: value('RequestId'),
  })
}
