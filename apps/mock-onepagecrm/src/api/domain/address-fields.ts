import type { JsonObject } from './body-fields.js'
import type { AddressRecord } from './records.js'

/** A part of an address, at most this long (inferred: the spec gives no limit). */
export const MAX_ADDRESS_PART = 255

const PARTS = ['address', 'city', 'state', 'zip_code', 'country_code'] as const

export const EMPTY_ADDRESS: AddressRecord = {
  address: '',
  city: '',
  state: '',
  zip_code: '',
  country_code: '',
}

/**
 * The spec's Address (https://github.com/OnePageCRM/swagger): `address`, `city`, `state`, `zip_code`,
 * `country_code` ("ISO 3166 country code, upper-case": two letters, taken in any case); a part left out is
 * empty. What is wrong with it, as a message, when it is not such an object.
 */
export function readAddress(raw: unknown, name: string): AddressRecord | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return `${name} is invalid or missing`
  const parts: Record<string, string> = {}
  for (const part of PARTS) {
    const value = (raw as JsonObject)[part]
    if (value === undefined || value === null) parts[part] = ''
    else if (typeof value !== 'string' || value.length > MAX_ADDRESS_PART) {
      return `${name}: ${part} must be text of at most ${MAX_ADDRESS_PART} characters`
    } else parts[part] = value
  }
  const country = (parts.country_code as string).toUpperCase()
  if (country !== '' && !/^[A-Z]{2}$/.test(country)) {
    return `${name}: country_code must be an ISO 3166 code of two letters`
  }
  return {
    address: parts.address as string,
    city: parts.city as string,
    state: parts.state as string,
    zip_code: parts.zip_code as string,
    country_code: country,
  }
}
