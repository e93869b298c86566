export type { ClockState } from '@crmkit/mock-kit'
export { DEFAULT_PORTS } from './default-ports.js'
export type { MocksClock } from './mocks-clock.js'
export type { MocksInfo, OnePageCrmInfo, S3Info, ServiceName, SharpSpringInfo } from './mocks-info.js'
export { type RunningMocks, type StartMocksOptions, startMocks } from './start-mocks.js'
export {
  startOnePageCrm,
  startS3,
  startSharpSpring,
} from './start-one.js'
