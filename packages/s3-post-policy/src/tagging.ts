export interface Tag {
  readonly key: string
  readonly value: string
}

/**
 * Reads the `tagging` field. `undefined` when the text is not well-formed XML (MalformedXML, row 31 of the
 * failure table in docs/s3-post-policy-rules.md); well-formed XML that is not a Tagging document gives no
 * tags, as S3 does ([LS]).
 */
export function parseTagging(xml: string): Tag[] | undefined {
  if (!isWellFormed(xml)) return undefined
  const tags: Tag[] = []
  const tagSet =
    /^\s*(?:<\?xml[^?]*\?>\s*)?<Tagging(?:\s[^>]*)?>\s*<TagSet>([\s\S]*)<\/TagSet>\s*<\/Tagging>\s*$/.exec(
      xml,
    )
  if (!tagSet) return tags
  for (const match of (tagSet[1] ?? '').matchAll(
    /<Tag>\s*<Key>([^<]*)<\/Key>\s*<Value>([^<]*)<\/Value>\s*<\/Tag>/g,
  )) {
    tags.push({ key: unescapeXml(match[1] ?? ''), value: unescapeXml(match[2] ?? '') })
  }
  return tags
}

const TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\/?([A-Za-z_][\w.:-]*)([^<>]*?)(\/?)>|<|[^<]+/g

/** Enough of XML 1.0 to tell well-formed documents from text: one root, balanced tags, no stray `<`. */
function isWellFormed(xml: string): boolean {
  const open: string[] = []
  let roots = 0
  for (const match of xml.matchAll(TOKEN)) {
    const [token, name, attributes, selfClosing] = match
    if (token === '<') return false
    if (token.startsWith('<?') || token.startsWith('<!--')) continue
    if (token.startsWith('<![CDATA[')) {
      if (open.length === 0) return false
      continue
    }
    if (name === undefined) {
      // Text is allowed outside the root only as white space.
      if (open.length === 0 && token.trim() !== '') return false
      continue
    }
    if (token.startsWith('</')) {
      if (open.pop() !== name || (attributes ?? '').trim() !== '') return false
      continue
    }
    if (open.length === 0) roots++
    if (selfClosing !== '/') open.push(name)
  }
  return roots === 1 && open.length === 0
}

function unescapeXml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&')
}
