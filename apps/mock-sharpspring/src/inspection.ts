import { type InspectedFile, newestFirst, type RecordGroup, type ServiceInspection } from '@crmkit/mock-kit'
import { contentTypeOfName } from './domain/file-type.js'
import type { FieldRecord, Row, SharpSpringState } from './domain/state.js'
import type { FileStore } from './storage/file-store.js'

/** A kept file's key in the URL a File Upload field or a product's `imageURL` holds. */
const FILE_URL = /\/files\/([0-9a-f]{32})\//

/**
 * What the inspector shows of the SharpSpring mock: leads, accounts, opportunities, products and fields,
 * newest first, and the files `/uploadFiles` and `/uploadProductImage` kept, each with the record whose
 * field holds its URL. It only reads the state and the file store.
 */
export function inspectSharpSpring(
  state: SharpSpringState,
  files: FileStore,
  fileFieldType: string,
): ServiceInspection {
  const uploadFields = (relationship: FieldRecord['relationship']) =>
    [...state.fields.values()]
      .filter(
        (field) =>
          field.isCustom === '1' && field.dataType === fileFieldType && field.relationship === relationship,
      )
      .map((field) => field.systemName)
  const objects = (
    name: string,
    title: string,
    rows: Map<string, Row>,
    columns: string[],
    limit: number,
  ) => ({
    name,
    title,
    total: rows.size,
    columns,
    rows: newestFirst(rows.values(), limit),
  })
  return {
    records(limit): RecordGroup[] {
      const { lead, account, opportunity, product } = state.objects
      return [
        objects(
          'leads',
          'Leads',
          lead,
          [
            'id',
            'firstName',
            'lastName',
            'emailAddress',
            'companyName',
            'leadStatus',
            ...uploadFields('lead'),
            'updateTimestamp',
          ],
          limit,
        ),
        objects(
          'accounts',
          'Accounts',
          account,
          ['id', 'accountName', 'industry', ...uploadFields('account'), 'updateTimestamp'],
          limit,
        ),
        objects(
          'opportunities',
          'Opportunities',
          opportunity,
          [
            'id',
            'opportunityName',
            'dealStageID',
            'amount',
            ...uploadFields('opportunity'),
            'updateTimestamp',
          ],
          limit,
        ),
        objects(
          'products',
          'Products',
          product,
          ['id', 'productName', 'price', 'imageURL', 'updateTimestamp'],
          limit,
        ),
        {
          name: 'fields',
          title: 'Fields',
          total: state.fields.size,
          columns: ['id', 'relationship', 'systemName', 'label', 'dataType', 'isCustom'],
          rows: newestFirst(state.fields.values(), limit),
        },
      ]
    },
    async files(limit) {
      const kept = await files.list()
      const owners = fileOwners(state)
      const listed = kept
        .sort((a, b) => b.kept.getTime() - a.kept.getTime())
        .slice(0, limit)
        .map(
          (file): InspectedFile => ({
            id: `${file.key}/${file.name}`,
            name: file.name,
            contentType: contentTypeOfName(file.name),
            size: file.size,
            created: file.kept.toISOString(),
            belongsTo: owners.get(file.key)?.join('; '),
          }),
        )
      return { total: kept.length, files: listed }
    },
    async openFile(id) {
      const slash = id.indexOf('/')
      if (slash < 0) return undefined
      const name = id.slice(slash + 1)
      const opened = await files.open(id.slice(0, slash), name)
      return opened === undefined ? undefined : { ...opened, name, contentType: contentTypeOfName(name) }
    },
  }
}

/** For each kept file's key, the records whose fields hold its URL: `lead 12, file_upload_ab12`. */
function fileOwners(state: SharpSpringState): Map<string, string[]> {
  const owners = new Map<string, string[]>()
  for (const [type, rows] of Object.entries(state.objects))
    for (const row of rows.values())
      for (const [field, value] of Object.entries(row)) {
        const key = typeof value === 'string' ? FILE_URL.exec(value)?.[1] : undefined
        if (key !== undefined) owners.set(key, [...(owners.get(key) ?? []), `${type} ${row.id}, ${field}`])
      }
  return owners
}
