import { describe, expect, it } from 'vitest'
import { readProviderMapping, routeProvider } from './provider-routing.js'

describe('routeProvider', () => {
  it('knows the vendors by their usual names', () => {
    expect(routeProvider('SharpSpring', [])).toBe('sharpspring')
    expect(routeProvider('sharpspring-api', [])).toBe('sharpspring')
    expect(routeProvider('Constant Contact Lead Gen', [])).toBe('sharpspring')
    expect(routeProvider('OnePageCRM API', [])).toBe('onepagecrm')
    expect(routeProvider('Amazon S3', [])).toBe('s3')
    expect(routeProvider('crm-backend', [])).toBeUndefined()
  })

  it('maps a name with --provider mock=name, and every other name with a bare --provider', () => {
    const mappings = [readProviderMapping('onepagecrm=crm-backend'), readProviderMapping('s3')]
    expect(routeProvider('CRM Backend', mappings)).toBe('onepagecrm')
    expect(routeProvider('files', mappings)).toBe('s3')
    // A named mapping wins over the built-in aliases.
    expect(routeProvider('SharpSpring', [readProviderMapping('s3=sharpspring')])).toBe('s3')
  })

  it('refuses a mock it does not have', () => {
    expect(() => readProviderMapping('hubspot=x')).toThrow(/sharpspring, onepagecrm, s3/)
  })
})
