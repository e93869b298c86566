// Images sent as base64 in a JSON body: a contact's photo (the spec's createContactPhoto, "a Base64 encoded
// string of the image data"; "A base64 encoded jpg or png image file" on http://developer.onepagecrm.com/,
// "Contact Photo") and a company's logo (the spec's Company `image`, "data:image/png;base64,iVBORw..."). The
// vendor crops and resizes them; the mock keeps the image as sent (FIDELITY.md).

export interface DecodedImage {
  readonly bytes: Buffer
  readonly contentType: 'image/png' | 'image/jpeg'
  readonly extension: 'png' | 'jpg'
}

export type ImageProblem =
  /** Not base64 text, or nothing in it. */
  | 'not-base64'
  /** Decodes, but to bytes that are neither a PNG nor a JPEG. */
  | 'unsupported-type'

/**
 * The image in `text`: plain base64 or a `data:image/…;base64,` URI; line breaks allowed (Ruby's
 * `Base64.encode64`, which OnePageCRM's Ruby client uses, breaks lines every 60 characters). PNG and JPEG
 * are told by their first bytes, whatever a data URI claims.
 */
export function decodeImage(text: unknown): DecodedImage | ImageProblem {
  if (typeof text !== 'string') return 'not-base64'
  const payload = text.replace(/^data:[\w.+/-]*;base64,/, '').replaceAll(/\s/g, '')
  if (payload === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(payload) || payload.length % 4 === 1) {
    return 'not-base64'
  }
  const bytes = Buffer.from(payload, 'base64')
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.length > 8) {
    return { bytes, contentType: 'image/png', extension: 'png' }
  }
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { bytes, contentType: 'image/jpeg', extension: 'jpg' }
  }
  return 'unsupported-type'
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
