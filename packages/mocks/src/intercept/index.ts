export {
  type InterceptedVendors,
  type InterceptVendorsOptions,
  interceptVendors,
} from './intercept-vendors.js'
export type { UnmatchedRequests } from './unmatched-host.js'
export { VENDOR_HOSTS } from './vendor-hosts.js'
