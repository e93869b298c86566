import type { MockHost, StartServerOptions } from '@crmkit/mock-kit'
import {
  createOnePageCrmService,
  type OnePageCrmService,
  type OnePageCrmServiceOptions,
} from './api/service.js'
import { createS3Service, type S3Service, type S3ServiceOptions } from './s3/service.js'

export interface ServeOnePageCrmOptions {
  readonly s3: S3ServiceOptions
  readonly api: OnePageCrmServiceOptions
  readonly listen: { readonly s3: StartServerOptions; readonly api: StartServerOptions }
}

export interface ServedOnePageCrm {
  readonly s3: { readonly service: S3Service; readonly url: string }
  readonly api: { readonly service: OnePageCrmService; readonly url: string }
}

/**
 * Serves the S3 emulator on `host`, then the OnePageCRM API whose upload forms point at it: the API needs
 * the emulator's URL, so the emulator listens first.
 */
export async function serveOnePageCrm(
  host: MockHost,
  options: ServeOnePageCrmOptions,
): Promise<ServedOnePageCrm> {
  const s3 = await createS3Service(options.s3, host.runtime)
  const s3Url = (await host.serve(s3, options.listen.s3)).url
  const api = await createOnePageCrmService(options.api, host.runtime, { service: s3, endpoint: s3Url })
  const apiUrl = (await host.serve(api, options.listen.api)).url
  return { s3: { service: s3, url: s3Url }, api: { service: api, url: apiUrl } }
}
