import { InvalidOptionsError } from '../errors/usage-errors.js'

/** Uniform whole numbers in [0, max): node:crypto's `randomInt` by default. */
export type RandomInt = (max: number) => number

/** Random digits below the millisecond: the key's timestamp reads as Unix nanoseconds. */
const SUB_MS = 1_000_000

/**
 * The `__timestamp__` of each new upload's key: the clock's Unix milliseconds followed by six random digits
 * (so Unix nanoseconds in form, 19 digits, an int64 until 2262). OnePageCRM's key is
 * `<contact_id>/<digits>/<filename>`, the policy fixing only the `<contact_id>/` prefix: the client chooses
 * the rest, and the tutorial's Unix seconds gave two uploads of one name in one second the same object, the
 * second POST replacing the first one's bytes. Milliseconds (as OnePageCRM's Java client sends) and random
 * digits keep uploads from different processes apart; each stamp of one client is also greater than the
 * last it gave, so the uploads of one client never share a key, even with a frozen clock or injected random.
 */
export function keyStamps(clock: () => Date, randomInt: RandomInt): () => string {
  let last = -1n
  return () => {
    const random = randomInt(SUB_MS)
    if (!Number.isSafeInteger(random) || random < 0 || random >= SUB_MS) {
      throw new InvalidOptionsError(
        'randomInt',
        `must return a whole number from 0 to max - 1, not ${random}`,
      )
    }
    const ms = clock().getTime()
    if (!Number.isSafeInteger(ms) || ms < 0)
      throw new InvalidOptionsError('clock', 'must return a valid date')
    const candidate = BigInt(ms) * BigInt(SUB_MS) + BigInt(random)
    last = candidate > last ? candidate : last + 1n
    return String(last)
  }
}

const TIMESTAMP = '__timestamp__'
const FILENAME = '${filename}'

/**
 * The object key from the form's `x-ignore-pattern`, `<contact_id>/__timestamp__/${filename}`, with the
 * upload's stamp and the file's name (https://developer.onepagecrm.com/blog/upload-files-via-onepagecrm-api/).
 * A pattern without `__timestamp__` would give every upload of a name one key, so it is refused.
 */
export function objectKey(pattern: string, stamp: string, fileName: string): string {
  if (!pattern.includes(TIMESTAMP) || !pattern.includes(FILENAME)) {
    throw new InvalidOptionsError(
      "form.fields['x-ignore-pattern']",
      `must hold ${TIMESTAMP} and ${FILENAME} (OnePageCRM's <contact_id>/${TIMESTAMP}/${FILENAME}), not '${pattern}'`,
    )
  }
  // Functions, not strings, as replacements: a name holding `$&` or `$'` is put in as it is.
  return pattern.replace(TIMESTAMP, () => stamp).replace(FILENAME, () => fileName)
}
