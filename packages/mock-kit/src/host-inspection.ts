import { isInlineImage } from './file-answer.js'
import type { InspectedFile, OpenedFile, RecordGroup } from './inspection.js'
import { boundRecord, RECORD_BOUNDS } from './inspection-bounds.js'
import type { MockService } from './mock-service.js'

/** A file as `GET /__admin/files` answers it: the service's listing, and where to read it. */
export interface HostFile extends InspectedFile {
  readonly service: string
  /** `/__admin/files/<service>/<id>`, on any port of the process. */
  readonly url: string
  /** Answered inline as an image (PNG, JPEG, GIF, WebP): what the inspector previews. */
  readonly image: boolean
}

/** What the inspector reads of every service of a process, whichever port it asks. */
export interface HostInspection {
  /** The services served, in the order they were. */
  services(): readonly string[]
  /** The newest `limit` files of every service (or of `service`), newest first, and how many there are. */
  files(query: { limit: number; service?: string | undefined }): Promise<{ files: HostFile[]; total: number }>
  /** The newest `limit` records of each kind, service by service. */
  records(query: {
    limit: number
    service?: string | undefined
  }): Promise<{ services: Array<{ service: string; groups: RecordGroup[] }> }>
  openFile(service: string, id: string): Promise<OpenedFile | undefined>
}

/** The URL path of a file, its service and id each one encoded path segment. */
export const fileUrl = (service: string, id: string) =>
  `/__admin/files/${encodeURIComponent(service)}/${encodeURIComponent(id)}`

/**
 * The host's view over its services' `inspect` (those without one show nothing): files merged newest first
 * with what other services' records say they belong to (an S3 object named by a OnePageCRM attachment),
 * record rows bounded (`boundRecord`), and the records answer within `RECORD_BOUNDS.maxAnswerBytes`.
 */
export function createHostInspection(services: () => readonly MockService[]): HostInspection {
  const chosen = (service: string | undefined) =>
    services().filter((candidate) => service === undefined || candidate.name === service)
  return {
    services: () => services().map((service) => service.name),
    async files({ limit, service }) {
      const listed: HostFile[] = []
      let total = 0
      for (const candidate of chosen(service)) {
        const files = await candidate.inspect?.files?.(limit)
        if (files === undefined) continue
        total += files.total
        for (const file of files.files)
          listed.push({
            ...file,
            service: candidate.name,
            url: fileUrl(candidate.name, file.id),
            image: isInlineImage(file.preview ?? file.contentType),
          })
      }
      const owners = new Map<string, string[]>()
      for (const candidate of services())
        for (const reference of (await candidate.inspect?.fileReferences?.()) ?? []) {
          const key = `${reference.service}\u0000${reference.id}`
          owners.set(key, [...(owners.get(key) ?? []), reference.belongsTo])
        }
      const newest = listed
        .sort((a, b) => Date.parse(b.created) - Date.parse(a.created))
        .slice(0, limit)
        .map((file) => {
          const named = owners.get(`${file.service}\u0000${file.id}`)
          if (named === undefined) return file
          return {
            ...file,
            belongsTo: [...(file.belongsTo === undefined ? [] : [file.belongsTo]), ...named].join('; '),
          }
        })
      return { files: newest, total }
    },
    async records({ limit, service }) {
      const answer: Array<{ service: string; groups: RecordGroup[] }> = []
      let bytes = 0
      for (const candidate of chosen(service)) {
        const groups = await candidate.inspect?.records?.(limit)
        if (groups === undefined) continue
        answer.push({
          service: candidate.name,
          groups: groups.map((group) => {
            const rows: object[] = []
            for (const row of group.rows.slice(0, limit)) {
              const bounded = boundRecord(row) as object
              bytes += Buffer.byteLength(JSON.stringify(bounded))
              // Past the answer's budget, the groups still come, with their totals, and fewer rows.
              if (bytes > RECORD_BOUNDS.maxAnswerBytes) break
              rows.push(bounded)
            }
            return { ...group, rows }
          }),
        })
      }
      return { services: answer }
    },
    async openFile(service, id) {
      return services()
        .find((candidate) => candidate.name === service)
        ?.inspect?.openFile?.(id)
    },
  }
}
