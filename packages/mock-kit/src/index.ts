export { guardAdminRequests } from './admin-guard.js'
export {
  ADMIN_BODY_LIMITS,
  type AdminHandlers,
  addAdminRoutes,
  INSPECTION_DEFAULT_LIMITS,
  MAX_ARMED_FAULTS,
  type ProviderStatesHandler,
} from './admin-routes.js'
export { type BoundedBody, type BoundedBodyOptions, readBoundedBody } from './bounded-body.js'
export { CachedRouter } from './cached-router.js'
export { type CliArgs, type CliOptionSpec, readCliArgs, readJsonFile } from './cli-args.js'
export {
  type Clock,
  createManualClock,
  createSeededRandom,
  cryptoRandomBytes,
  type ManualClock,
  type RandomBytes,
  systemClock,
} from './clock.js'
export { type DrainAfterAnswerOptions, drainAfterAnswer } from './drain-after-answer.js'
export {
  createFaultInjector,
  type Fault,
  type FaultAnswers,
  type FaultInjector,
  type FaultSpec,
  faultsInFront,
  injectFaults,
} from './faults.js'
export { contentDisposition, fileAnswer, isInlineImage } from './file-answer.js'
export { filePartFailure } from './file-part-failure.js'
export { createHostInspection, fileUrl, type HostFile, type HostInspection } from './host-inspection.js'
export { imageTypeOfBytes, imageTypeOfName, isGenericType } from './image-types.js'
export type {
  FileReference,
  InspectedFile,
  OpenedFile,
  RecordGroup,
  ServiceInspection,
} from './inspection.js'
export { boundRecord, newestFirst, RECORD_BOUNDS } from './inspection-bounds.js'
export { MAX_INSPECTION_LIMIT, readInspectionQuery } from './inspection-query.js'
export { INSPECTOR_CSP } from './inspector-page.js'
export { type JournalBounds, type JournalOptions, journalDefaults } from './journal-bounds.js'
export { journalDetail, journalJsonBody, journalPart, journalRequests } from './journal-middleware.js'
export { journalMultipart } from './journal-parts.js'
export { JOURNAL_FILTERS, readJournalQuery } from './journal-query.js'
export {
  type AttachedService,
  createMockHost,
  type HostedService,
  type MockHost,
  type MockHostOptions,
} from './mock-host.js'
export type { MockService, SeedOutcome, ServiceRuntime } from './mock-service.js'
export {
  type MultipartField,
  type MultipartFile,
  type MultipartOptions,
  type MultipartPart,
  multipartLimits,
  parseMultipart,
} from './multipart.js'
export { isMultipartFormData, multipartBoundary } from './multipart-content-type.js'
export { MultipartError, type MultipartErrorKind } from './multipart-error.js'
export { PartHeaderRewriter } from './part-header-rewriter.js'
export {
  createRenderedAnswers,
  type RenderedAnswer,
  type RenderedAnswers,
  type RenderedAnswersOptions,
} from './rendered-answers.js'
export { type BodySource, incomingOf, requestBodyStream } from './request-body.js'
export {
  createRequestJournal,
  type JournalBody,
  type JournalCheck,
  type JournalDetail,
  type JournalEntry,
  type JournalError,
  type JournalExplanation,
  type JournalPart,
  type JournalQuery,
  type JournalRpc,
  type RequestJournal,
} from './request-journal.js'
export { urlPath, urlSearch } from './request-url.js'
export { secretsEqual } from './secrets-equal.js'
export { openServiceDir, type ServiceDir } from './service-dir.js'
export { createSnapshotFile, type SnapshotFile } from './snapshot-file.js'
export {
  createNodeServer,
  DEFAULT_SERVER_TIMEOUTS,
  type FetchApp,
  type RunningServer,
  type ServerTimeouts,
  type StartServerOptions,
  startServer,
} from './start-server.js'
export { createTempDir, type TempDir, type TempDirOptions } from './temp-dir.js'
export { truncateText } from './truncate-text.js'
export {
  createUploadStaging,
  type StagedUpload,
  type UploadStaging,
  type UploadStagingOptions,
} from './upload-staging/upload-staging.js'
export { type ClockResult, type ClockState, createVirtualClock, type VirtualClock } from './virtual-clock.js'
export { createYoungCollector } from './young-collector.js'
