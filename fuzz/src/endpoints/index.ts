import type { AnyEndpoint } from '../runner.js'
import { onePageCrmEndpoints } from './onepagecrm.js'
import { s3PostObject } from './s3.js'
import { sharpSpringUploadFiles, sharpSpringUploadProductImage } from './sharpspring.js'
import { sharpSpringRpc } from './sharpspring-rpc.js'

/** Every endpoint fuzzed: the three upload endpoints, then the JSON ones. */
export const ENDPOINTS: readonly AnyEndpoint[] = [
  s3PostObject,
  sharpSpringUploadFiles,
  sharpSpringUploadProductImage,
  sharpSpringRpc,
  ...onePageCrmEndpoints,
]
