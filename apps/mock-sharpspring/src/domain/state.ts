import { OBJECT_TYPES, type ObjectType } from './object-types.js'
import { createTables, type Tables } from './tables.js'
import { utcToZone } from './time-zone.js'

/** An object as reads give it: every value a string (ids, flags, numbers too) or null [SAMPLE]. */
export type Row = Record<string, string | null>

/** A field as `getFields` gives it: every value a string [SAMPLE getFields]. */
export interface FieldRecord {
  readonly id: string
  readonly relationship: Exclude<ObjectType, 'product'>
  readonly systemName: string
  readonly label: string
  readonly source: 'sharpspring'
  readonly dataType: string
  readonly dataLength: string
  readonly isRequired: '0' | '1'
  readonly isCustom: '0' | '1'
  readonly isActive: '0' | '1'
  readonly isAvailableInContactManager: '0' | '1'
  readonly isEditableInContactManager: '0' | '1'
  readonly isAvailableInForms: '0' | '1'
}

export interface SharpSpringState {
  readonly objects: { readonly [T in ObjectType]: Map<string, Row> }
  /** Standard and custom fields, by `systemName`. */
  readonly fields: Map<string, FieldRecord>
  /** Every other kind of record, by table (tables.ts). */
  readonly tables: Tables
}

/** What a method runs with. */
export interface SharpSpringContext {
  readonly state: SharpSpringState
  readonly now: Date
  /** A new object id: a positive integer, as SharpSpring's are. */
  readonly newId: () => number
  /** The `dataType` that marks a File Upload custom field (default `upload`, config.ts). */
  readonly fileFieldType: string
  /**
   * The IANA zone the call reads and writes date-times in (`zoneOfVersion`: the account's for `v1`, UTC for
   * `v1.2`); absent, UTC (the demo data and seeds). Records keep UTC whatever the zone.
   */
  readonly timeZone?: string | undefined
}

/** The standard fields, listed by `getFields` with `isCustom` "0"; they cannot be deleted (211). */
export function createState(newId: () => number): SharpSpringState {
  const fields = new Map<string, FieldRecord>()
  for (const relationship of ['lead', 'account', 'opportunity'] as const) {
    for (const systemName of OBJECT_TYPES[relationship].standard) {
      if (systemName === 'createTimestamp' || systemName === 'updateTimestamp') continue
      // Several objects share a standard name (ownerID…): keep one record per relationship.
      const key = fields.has(systemName) ? `${relationship}:${systemName}` : systemName
      fields.set(key, {
        id: String(newId()),
        relationship,
        systemName,
        label: labelOf(systemName),
        source: 'sharpspring',
        dataType: 'text',
        dataLength: '255',
        isRequired: OBJECT_TYPES[relationship].required.includes(systemName) ? '1' : '0',
        isCustom: '0',
        isActive: '1',
        isAvailableInContactManager: '1',
        isEditableInContactManager: systemName === 'id' ? '0' : '1',
        isAvailableInForms: relationship === 'lead' ? '1' : '0',
      })
    }
  }
  return {
    objects: { lead: new Map(), account: new Map(), opportunity: new Map(), product: new Map() },
    fields,
    tables: createTables(),
  }
}

/** `emailAddress` → "Email Address". */
function labelOf(systemName: string): string {
  const words = systemName.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** `Y-m-d H:i:s`, as `createTimestamp` and `updateTimestamp` read [CLIENT dllobell]; records keep UTC. */
export const sqlTimestamp = (date: Date): string => date.toISOString().slice(0, 19).replace('T', ' ')

/** A kept (UTC) date-time as the call gives it: in its zone (time-zone.ts). */
export const shownTime = (ctx: SharpSpringContext, utc: string | null | undefined): string | null =>
  utc == null ? null : utcToZone(utc, ctx.timeZone ?? 'UTC')

/** The custom fields of one object type. */
export function customFieldsOf(state: SharpSpringState, type: ObjectType): FieldRecord[] {
  return [...state.fields.values()].filter((field) => field.isCustom === '1' && field.relationship === type)
}
