import {
  type InspectedFile,
  imageTypeOfBytes,
  imageTypeOfName,
  isGenericType,
  type RecordGroup,
  type ServiceInspection,
} from '@crmkit/mock-kit'
import type { HostedBuckets } from './domain/hosted-buckets.js'
import type { ObjectStore } from './domain/object-store.js'

/**
 * What the inspector shows of the S3 emulator: every hosted bucket's objects, newest first (their id
 * `<bucket>/<key>`), their bytes streamed from the store, and a summary per bucket. It only reads the store.
 * An object whose type says nothing (`binary/octet-stream`: OnePageCRM's form sends no `Content-Type`) is
 * previewed as the image its name suggests, and served as one only when its first bytes are that image.
 */
export function inspectS3(buckets: HostedBuckets, store: ObjectStore): ServiceInspection {
  const all = () => buckets.list().flatMap((bucket) => [...store.list(bucket, { prefix: '' })])
  return {
    records(): RecordGroup[] {
      const rows = buckets.list().map((bucket) => {
        let objects = 0
        let bytes = 0
        for (const object of store.list(bucket, { prefix: '' })) {
          objects += 1
          bytes += object.size
        }
        return { bucket, objects, bytes }
      })
      return [
        {
          name: 'buckets',
          title: `Buckets (${store.pendingUploads()} uploads in progress)`,
          total: rows.length,
          columns: ['bucket', 'objects', 'bytes'],
          rows,
        },
      ]
    },
    async files(limit) {
      const objects = all()
      const files = objects
        .sort((a, b) => Date.parse(b.lastModified) - Date.parse(a.lastModified))
        .slice(0, limit)
        .map(
          (object): InspectedFile => ({
            id: `${object.bucket}/${object.key}`,
            name: object.key.slice(object.key.lastIndexOf('/') + 1) || object.key,
            contentType: object.contentType,
            size: object.size,
            created: object.lastModified,
            preview: isGenericType(object.contentType) ? imageTypeOfName(object.key) : undefined,
          }),
        )
      return { total: objects.length, files }
    },
    async openFile(id) {
      // Bucket names hold no `/` (S3's naming rules), so the first one ends it; the key may hold any.
      const slash = id.indexOf('/')
      if (slash < 0) return undefined
      const bucket = id.slice(0, slash)
      if (!buckets.has(bucket)) return undefined
      const key = id.slice(slash + 1)
      const opened = await store.open(bucket, key)
      if (opened === undefined) return undefined
      const { object, body } = opened
      return {
        name: object.key.slice(object.key.lastIndexOf('/') + 1) || object.key,
        contentType: object.contentType,
        size: object.size,
        body,
        preview: isGenericType(object.contentType) ? await sniff(store, bucket, key, object.size) : undefined,
      }
    },
  }
}

/** The image type of an object's first bytes (read apart, so the answer streams from its start). */
async function sniff(
  store: ObjectStore,
  bucket: string,
  key: string,
  size: number,
): Promise<string | undefined> {
  if (size === 0) return undefined
  const head = await store.open(bucket, key, { start: 0, end: Math.min(size, 16) - 1 })
  if (head === undefined) return undefined
  const chunks: Buffer[] = []
  for await (const chunk of head.body) chunks.push(chunk as Buffer)
  return imageTypeOfBytes(Buffer.concat(chunks))
}
