/** Longest name a kept file may have, in UTF-8 bytes: a file name on common file systems (ext4, APFS, NTFS). */
export const MAX_FILE_NAME_BYTES = 255

/**
 * Why a file name cannot be kept under its URL, or undefined when it can. The name is the part's filename
 * reduced to its last path segment, as PHP's `basename` gives it (https://php.net/manual/en/function.basename.php);
 * what SharpSpring does with other names is not public, so refusing them is inferred (FIDELITY.md,
 * SharpSpring uploads): a name that is empty, `.` or `..`, holds a control character, or is longer than a
 * file name can be would otherwise name no file, or another one.
 */
export function fileNameProblem(name: string): string | undefined {
  if (name === '') return 'the file name is empty'
  if (name === '.' || name === '..') return `'${name}' is not a file name`
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for.
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the file name holds a control character'
  const bytes = Buffer.byteLength(name)
  if (bytes > MAX_FILE_NAME_BYTES)
    return `the file name is ${bytes} bytes of UTF-8, longer than ${MAX_FILE_NAME_BYTES}`
  return undefined
}

/** The part's filename as PHP's `basename` reduces it: its last segment after `/` or `\`. */
export const baseName = (filename: string | undefined): string => (filename ?? '').split(/[/\\]/).pop() ?? ''
