import { describe, expect, it } from 'vitest'
import { CrmkitError, isCrmkitError } from './errors/crmkit-error.js'
import { AbortError } from './errors/transport-errors.js'
import {
  PolicyViolationError,
  S3Error,
  SharpSpringApiError,
  SharpSpringPartialFailureError,
} from './errors/vendor-errors.js'

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

  it("put SharpSpring's data in the message, and say which objects of a partial result failed", () => {
    const field = new SharpSpringApiError(request, 'uploadFiles', {
      code: 205,
      message: 'Invalid parameters.',
      data: { fieldSystemName: 'x', reason: 'no such field' },
    })
    expect(field.message).toBe(
      "SharpSpring uploadFiles failed: 205 Invalid parameters: fieldSystemName 'x': no such field: POST http://x/",
    )
    // Empty data (SharpSpring's usual `[]`) leaves the vendor's message as it was.
    expect(
      new SharpSpringApiError(request, 'getLeads', { code: 105, message: 'Bad.', data: [] }).message,
    ).toBe('SharpSpring getLeads failed: 105 Bad.: POST http://x/')
    const tooLarge = {
      code: 205,
      message: 'Invalid parameters.',
      data: { fileName: 'b.bin', size: 5000, maxSize: 1024 },
    }
    const missing = { code: 404, message: 'Not found', data: { lead: 9 } }
    const partial = new SharpSpringPartialFailureError(
      request,
      'uploadFiles',
      [tooLarge, missing],
      [
        { success: true, error: null },
        { success: false, error: tooLarge },
        { success: false, error: missing },
      ],
    )
    expect(partial.message).toBe(
      "SharpSpring uploadFiles: 2 of 3 objects failed: #2 205 Invalid parameters: fileName 'b.bin': 4.88 KiB (5000 bytes), over the 1 KiB (1024 bytes) limit; #3 404 Not found: lead: 9: POST http://x/",
    )
    const many = Array.from({ length: 5 }, () => missing)
    expect(new SharpSpringPartialFailureError(request, 'createLeads', many, []).message).toBe(
      'SharpSpring createLeads: 5 objects failed: 404 Not found: lead: 9; 404 Not found: lead: 9; 404 Not found: lead: 9; and 2 more: POST http://x/',
    )
  })

  it("give S3's sizes in the message, human and in bytes", () => {
    const error = new S3Error(request, 400, {
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      details: { ProposedSize: '10485761', MaxSizeAllowed: '10485760' },
    })
    expect(error.message).toBe(
      'S3 400 EntityTooLarge: Your proposed upload exceeds the maximum allowed size; ProposedSize 10 MiB (10485761 bytes), MaxSizeAllowed 10 MiB (10485760 bytes): POST http://x/',
    )
  })

  it('say a file refused by the policy check was not sent, with its size and the allowed range', () => {
    const tooLarge = {
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      details: [
        ['ProposedSize', '10485761'],
        ['MaxSizeAllowed', '10485760'],
      ] as const,
    }
    const error = new PolicyViolationError('huge.bin', tooLarge, request, {
      size: 10485761,
      allowedSize: { min: 0, max: 10485760 },
    })
    expect(error.message).toBe(
      'huge.bin was not sent: it is 10 MiB (10485761 bytes); the upload form allows 0 bytes to 10 MiB (10485760 bytes) [EntityTooLarge]',
    )
    expect(error).toMatchObject({ request, size: 10485761, allowedSize: { min: 0, max: 10485760 } })
    // Without the policy's range, S3's own elements give the limit.
    expect(new PolicyViolationError('huge.bin', tooLarge).message).toBe(
      'huge.bin was not sent: it is 10 MiB (10485761 bytes); the upload form allows at most 10 MiB (10485760 bytes) [EntityTooLarge]',
    )
    const small = {
      status: 400,
      code: 'EntityTooSmall',
      message: 'Your proposed upload is smaller than the minimum allowed size',
      details: [
        ['ProposedSize', '0'],
        ['MinSizeAllowed', '1'],
      ] as const,
    }
    expect(
      new PolicyViolationError('empty.txt', small, request, { size: 0, allowedSize: { min: 1, max: 2048 } })
        .message,
    ).toBe(
      'empty.txt was not sent: it is 0 bytes; the upload form allows 1 byte to 2 KiB (2048 bytes) [EntityTooSmall]',
    )
    const expired = {
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
      details: [],
    }
    expect(new PolicyViolationError('x.txt', expired, request).message).toBe(
      "x.txt was not sent: the upload form's policy refuses it [AccessDenied: Invalid according to Policy: Policy expired.]",
    )
  })
})
