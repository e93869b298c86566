export {
  type Clock,
  createManualClock,
  createSeededRandom,
  cryptoRandomBytes,
  type ManualClock,
  type RandomBytes,
  systemClock,
} from './clock.js'
export {
  isMultipartFormData,
  MultipartError,
  type MultipartErrorKind,
  type MultipartField,
  type MultipartFile,
  type MultipartOptions,
  type MultipartPart,
  parseMultipart,
} from './multipart.js'
export { PartHeaderRewriter } from './part-header-rewriter.js'
export { type BodySource, requestBodyStream } from './request-body.js'
export { type FetchApp, type RunningServer, type StartServerOptions, startServer } from './start-server.js'
export { createTempDir, type TempDir } from './temp-dir.js'
export { createYoungCollector } from './young-collector.js'
