export type {
  ClockState,
  JournalBody,
  JournalCheck,
  JournalEntry,
  JournalError,
  JournalExplanation,
  JournalPart,
  JournalRpc,
} from '@crmkit/mock-kit'
export { DEFAULT_PORTS } from './default-ports.js'
export {
  type InterceptedVendors,
  type InterceptVendorsOptions,
  interceptVendors,
  type UnmatchedRequests,
  VENDOR_HOSTS,
} from './intercept/index.js'
export type { MocksClock } from './mocks-clock.js'
export type { MocksInfo, OnePageCrmInfo, S3Info, ServiceName, SharpSpringInfo } from './mocks-info.js'
export type { MocksRequests, RequestFilter } from './mocks-requests.js'
export { type AllRunningMocks, type RunningMocks, type StartMocksOptions, startMocks } from './start-mocks.js'
export {
  type RunningService,
  startOnePageCrm,
  startS3,
  startSharpSpring,
} from './start-one.js'
