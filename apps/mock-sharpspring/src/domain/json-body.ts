/**
 * How deep a JSON-RPC body may nest: PHP's `json_decode` gives up past 512 levels
 * (https://www.php.net/manual/en/function.json-decode.php), and the service's samples are PHP, so a deeper
 * body is "Invalid request data format." (101) [INFER]. It also keeps the mock from recursing without end
 * when it echoes a nested `id` or saves nested values.
 */
export const MAX_JSON_DEPTH = 512

/** The parsed body, or undefined when it is not JSON or nests deeper than `MAX_JSON_DEPTH`. */
export function parseJsonBody(text: string): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** One pass over the text, counting brackets outside strings; malformed text is left to JSON.parse. */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      if (char === 0x5c)
        i++ // a backslash: skip the escaped character
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > max) return true
    } else if (char === 0x7d || char === 0x5d) depth--
  }
  return false
}
