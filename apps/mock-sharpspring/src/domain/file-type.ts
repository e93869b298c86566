/** The content type a kept file is served with, told from its name's extension (as `GET /files/…` does). */
const TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
}

export function contentTypeOfName(name: string): string {
  const extension = name.includes('.') ? (name.split('.').pop()?.toLowerCase() ?? '') : ''
  return TYPES[extension] ?? 'application/octet-stream'
}
