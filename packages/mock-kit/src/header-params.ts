/** RFC 9110 `tchar`: the characters of a parameter name or an unquoted value (busboy 1.6's TOKEN table). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]$/

const isToken = (char: string | undefined) => char !== undefined && TOKEN.test(char)
const isSpace = (char: string | undefined) => char === ' ' || char === '\t'

/**
 * The parameters of a header value such as `multipart/form-data; boundary="x y"` or
 * `form-data; name="file"; filename="a.txt"`, read with the grammar busboy 1.6 uses, so that what we
 * decide from a header (the boundary, which part is the file) is what busboy will see: names lower-cased,
 * the first of a repeated name kept, quoted-pairs unescaped, `name*` kept under its own name and not
 * decoded. `undefined` when the parameters are malformed (busboy then refuses the Content-Type, or skips
 * the part). Everything before the first `;` (the type) is the caller's to check.
 */
export function parseHeaderParams(value: string): Map<string, string> | undefined {
  const params = new Map<string, string>()
  const length = value.length
  let i = value.indexOf(';')
  if (i === -1) return params
  while (i < length) {
    while (isSpace(value[i])) i++
    if (i === length) break
    if (value[i] !== ';') return undefined
    i++
    while (isSpace(value[i])) i++
    const nameStart = i
    while (isToken(value[i])) i++
    if (i === nameStart || value[i] !== '=') return undefined
    const name = value.slice(nameStart, i).toLowerCase()
    i++
    let parameter = ''
    if (value[i] === '"') {
      i++
      let closed = false
      while (i < length) {
        const char = value[i]
        if (char === '"') {
          closed = true
          i++
          break
        }
        // A quoted-pair stands for the character after the backslash.
        if (char === '\\' && i + 1 < length) i++
        parameter += value[i]
        i++
      }
      if (!closed) return undefined
    } else {
      const valueStart = i
      while (isToken(value[i])) i++
      if (i === valueStart) return undefined
      parameter = value.slice(valueStart, i)
    }
    if (!params.has(name)) params.set(name, parameter)
  }
  return params
}
