/** A form field as received, before the file part, in order. */
export type FormFieldEntry = readonly [name: string, value: string]

/**
 * Form fields looked up by lower-cased name: S3 treats POST field names case-insensitively
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html).
 */
export interface PostFormFields {
  /** Lower-cased names in the order they first appeared. */
  readonly names: readonly string[]
  get(name: string): string | undefined
  has(name: string): boolean
}

// The signature is computed over these exactly as sent, so `${filename}` is never expanded in them.
const RAW_FIELDS = new Set(['policy', 'x-amz-signature', 'signature', 'awsaccesskeyid'])

// Credentials a form carries: their values are shown nowhere (explanations included), only that they came.
const SECRET_FIELDS = new Set(['x-amz-signature', 'signature', 'x-amz-security-token'])

/** Whether a form field (lower-cased name) holds a credential, whose value an explanation must not show. */
export function isSecretField(name: string): boolean {
  return SECRET_FIELDS.has(name)
}

/**
 * The file name S3 substitutes for `${filename}`: the text after the last `/` or `\` of the part's
 * `filename` parameter. With no parameter at all S3 keeps `${filename}` as written ([LS];
 * docs/s3-post-policy-rules.md, "Form fields").
 */
export function substituteFilename(filename: string | undefined): string {
  if (filename === undefined) return '${filename}'
  return filename.slice(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1)
}

/**
 * Normalises the fields before the file: names case-insensitive, repeated names joined with commas as the
 * SigV2 docs describe ("Ninja,Stallman"), and `${filename}` replaced in every value, as the docs say it is
 * "recognized by all form fields" (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTForms.html,
 * "HTML form fields").
 */
export function normalizeFormFields(
  entries: readonly FormFieldEntry[],
  filename: string | undefined,
): PostFormFields {
  const replacement = substituteFilename(filename)
  const values = new Map<string, string>()
  for (const [name, raw] of entries) {
    const lower = name.toLowerCase()
    const value = RAW_FIELDS.has(lower) ? raw : raw.replaceAll('${filename}', replacement)
    const previous = values.get(lower)
    values.set(lower, previous === undefined ? value : `${previous},${value}`)
  }
  return {
    names: [...values.keys()],
    get: (name) => values.get(name.toLowerCase()),
    has: (name) => values.has(name.toLowerCase()),
  }
}
