export {
  type ErrorEnvelope,
  errorEnvelope,
  type RpcError,
  rpcError,
  successEnvelope,
  type WriteItem,
  writeItem,
} from './envelope.js'
export {
  type UploadFilesResult,
  type UploadItem,
  type UploadProductImageResult,
  uploadFilesResult,
  uploadItem,
  uploadProductImageResult,
} from './uploads.js'
