import type { MocksClock } from './mocks-clock.js'
import type { OnePageCrmInfo, S3Info, SharpSpringInfo } from './mocks-info.js'
import type { MocksRequests } from './mocks-requests.js'
import { type StartMocksOptions, startMocks } from './start-mocks.js'

type OneServiceOptions = Omit<StartMocksOptions, 'services'>

/** A started service alone: its info, its clock and journal, `reset()` and `close()`. */
export type RunningService<Info> = Info & {
  readonly info: Info
  readonly clock: MocksClock
  readonly requests: MocksRequests
  reset(): Promise<void>
  close(): Promise<void>
}

function only<Info extends object>(
  info: Info | undefined,
  mocks: Awaited<ReturnType<typeof startMocks>>,
): RunningService<Info> {
  if (info === undefined) throw new Error('The service did not start.')
  // The info's properties copied as defined, not read: S3's `buckets` is a getter of the live list.
  const fields = Object.defineProperties({}, Object.getOwnPropertyDescriptors(info)) as Info
  return Object.assign(fields, {
    info,
    clock: mocks.clock,
    requests: mocks.requests,
    reset: mocks.reset,
    close: mocks.close,
  })
}

/** SharpSpring alone, on a free port unless `ports.sharpspring` says otherwise. */
export async function startSharpSpring(
  options: OneServiceOptions = {},
): Promise<RunningService<SharpSpringInfo>> {
  const mocks = await startMocks({ ...options, services: ['sharpspring'] })
  return only(mocks.sharpspring, mocks)
}

/** OnePageCRM with the S3 emulator its upload form posts to (`s3`). */
export async function startOnePageCrm(
  options: OneServiceOptions = {},
): Promise<RunningService<OnePageCrmInfo & { readonly s3: S3Info }>> {
  const mocks = await startMocks({ ...options, services: ['onepagecrm'] })
  if (mocks.s3 === undefined) throw new Error('The S3 emulator did not start.')
  return only(mocks.onepagecrm === undefined ? undefined : { ...mocks.onepagecrm, s3: mocks.s3 }, mocks)
}

/** The S3 emulator alone: browser POST uploads and pre-signed GETs, path-style. */
export async function startS3(options: OneServiceOptions = {}): Promise<RunningService<S3Info>> {
  const mocks = await startMocks({ ...options, services: ['s3'] })
  return only(mocks.s3, mocks)
}
