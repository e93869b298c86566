import { describe, expect, it } from 'vitest'
import { CrmkitError, isCrmkitError } from './errors/crmkit-error.js'
import { AbortError } from './errors/transport-errors.js'
import { SharpSpringApiError, SharpSpringPartialFailureError } from './errors/vendor-errors.js'

const request = { method: 'POST', url: 'http://x/' }

// The built package is a second copy of every class, as a second version in node_modules would be. It is
// loaded by URL so type-checking does not need the build (turbo runs tests after it).
const built = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('./index.js')

describe('errors', () => {
  it('carry a stable code, a name and the redacted request in the message', () => {
    const error = new AbortError(request, 'stop')
    expect([error.code, error.name, error.message]).toEqual([
      'CRMKIT_ABORTED',
      'AbortError',
      'Aborted: POST http://x/',
    ])
    expect(error).toBeInstanceOf(Error)
  })

  it('keep instanceof and isCrmkitError working across two copies of the package', () => {
    const foreign = new built.SharpSpringPartialFailureError(
      request,
      'uploadFiles',
      [{ code: 404, message: 'x', data: [] }],
      [],
    )
    expect(foreign).toBeInstanceOf(SharpSpringPartialFailureError)
    expect(foreign).toBeInstanceOf(SharpSpringApiError)
    expect(foreign).toBeInstanceOf(CrmkitError)
    expect(foreign).not.toBeInstanceOf(AbortError)
    expect(isCrmkitError(foreign, 'CRMKIT_SHARPSPRING_PARTIAL')).toBe(true)
    expect(isCrmkitError(foreign, 'CRMKIT_SHARPSPRING_API')).toBe(false)
    expect(new SharpSpringApiError(request, 'm', { code: 1, message: '', data: null })).toBeInstanceOf(
      built.CrmkitError,
    )
    expect(isCrmkitError(new Error('plain'))).toBe(false)
  })
})
