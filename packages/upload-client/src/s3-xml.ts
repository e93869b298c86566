/**
 * Reads S3's flat XML answers: `<Error>` (Code, Message, the extra elements, RequestId, HostId) and
 * `<PostResponse>` (Location, Bucket, Key, ETag). Both are one level of simple elements, so a full XML
 * parser is not needed; entities are the five XML predefines.
 */
export function readS3Xml(text: string): { root: string; elements: Array<[string, string]> } | undefined {
  const body = text.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>)?\s*/, '')
  const root = /^<([A-Za-z][\w.-]*)(\s[^>]*)?>([\s\S]*)<\/\1>\s*$/.exec(body)
  if (root === null) return undefined
  const elements: Array<[string, string]> = []
  const element = /<([A-Za-z][\w.-]*)(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/\1>)/g
  for (const match of (root[3] as string).matchAll(element)) {
    elements.push([match[1] as string, unescapeXml(match[2] ?? '')])
  }
  return { root: root[1] as string, elements }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

const unescapeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) =>
    name.startsWith('#x')
      ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
      : name.startsWith('#')
        ? String.fromCodePoint(Number(name.slice(1)))
        : (ENTITIES[name] as string),
  )
