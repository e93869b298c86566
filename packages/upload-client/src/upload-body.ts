import type { ProgressEvent } from './client-options.js'
import type { BodyPart, MultipartBody } from './multipart-body.js'
import { createMultipartBody } from './multipart-body.js'

/** A multipart body as `exchange` sends it: opened per attempt, reporting progress per file. */
export function uploadBody(
  parts: readonly BodyPart[],
  onProgress: ((event: ProgressEvent) => void) | undefined,
) {
  const multipart: MultipartBody = createMultipartBody(parts)
  const files = parts.flatMap((part) => (part.kind === 'file' ? [part.file] : []))
  let opened = false
  return {
    contentType: multipart.contentType,
    canResend: () => multipart.reopenable || !opened,
    body: (attempt: number) => ({
      length: multipart.length,
      open(activity: () => void) {
        opened = true
        return multipart.open((fileIndex, loaded) => {
          activity()
          const file = files[fileIndex]
          if (file !== undefined && onProgress !== undefined) {
            onProgress({ fileName: file.name, fileIndex, loaded, total: file.size, attempt })
          }
        })
      },
    }),
  }
}
