import type { Server } from 'node:http'
import { isS3Endpoint, virtualHostedBucket } from '@crmkit/mock-onepagecrm'
import type { ServiceName } from '../mocks-info.js'

/** The vendors' real addresses, where their clients send requests. */
export const VENDOR_HOSTS = {
  sharpspring: 'api.sharpspring.com',
  onepagecrm: 'app.onepagecrm.com',
} as const

/** Which mock's server answers a host and port, or undefined for a host crmkit does not mock. */
export interface VendorRoute {
  (hostname: string, port: number): Server | undefined
  /**
   * Why a vendor's host is not answered (another port, a service not started, a bucket the emulator does
   * not host, another region), for the error of an unmatched request; undefined for any other host.
   */
  readonly why: (hostname: string, port: number) => string | undefined
}

/**
 * Routes the vendors' hosts to the mocks' servers: `api.sharpspring.com`, `app.onepagecrm.com`, and S3 for
 * the emulator's buckets, virtual-hosted (`<bucket>.s3.<region>.amazonaws.com` and its dash, dual-stack,
 * FIPS and legacy global forms, https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html)
 * or path-style at an S3 endpoint (`s3.<region>.amazonaws.com`). Only the default ports (443, 80).
 */
export function vendorRoute(
  servers: Partial<Record<ServiceName, Server>>,
  s3: { readonly region: string; readonly buckets: readonly string[] } | undefined,
): VendorRoute {
  const route = (hostname: string, port: number) => {
    if (port !== 443 && port !== 80) return undefined
    const host = normalise(hostname)
    if (host === VENDOR_HOSTS.sharpspring) return servers.sharpspring
    if (host === VENDOR_HOSTS.onepagecrm) return servers.onepagecrm
    if (s3 === undefined || servers.s3 === undefined) return undefined
    const virtual = virtualHostedBucket(host)
    if (virtual !== undefined)
      return s3.buckets.includes(virtual.bucket) && inRegion(virtual.endpoint, s3.region)
        ? servers.s3
        : undefined
    return isS3Endpoint(host) && inRegion(host, s3.region) ? servers.s3 : undefined
  }
  const why = (hostname: string, port: number): string | undefined => {
    const host = normalise(hostname)
    const virtual = virtualHostedBucket(host)
    const service =
      host === VENDOR_HOSTS.sharpspring
        ? 'sharpspring'
        : host === VENDOR_HOSTS.onepagecrm
          ? 'onepagecrm'
          : virtual !== undefined || isS3Endpoint(host)
            ? 's3'
            : undefined
    if (service === undefined) return undefined
    if (port !== 443 && port !== 80) return `only ports 443 and 80 of ${host} are intercepted`
    if (servers[service] === undefined || (service === 's3' && s3 === undefined))
      return `the ${service} mock is not among the services started`
    if (s3 === undefined || service !== 's3') return undefined
    if (virtual !== undefined && !s3.buckets.includes(virtual.bucket))
      return `the S3 emulator hosts ${s3.buckets.join(', ')}, not ${virtual.bucket}: add it with interceptVendors({ s3: { buckets: [...] } }) or the S3 seed ({"buckets": [...]})`
    if (!inRegion(virtual?.endpoint ?? host, s3.region))
      return `the S3 emulator runs in ${s3.region}, not the region ${host} names: interceptVendors({ s3: { region } }) for another`
    return undefined
  }
  return Object.assign(route, { why })
}

const normalise = (hostname: string) => hostname.toLowerCase().replace(/\.$/, '')

/** An endpoint of the emulator's region, or one of the legacy endpoints that name none (`s3.amazonaws.com`). */
function inRegion(endpoint: string, region: string): boolean {
  const named = /(?:^|[.-])([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d+)\./.exec(endpoint)?.[1]
  return named === undefined || named === region
}
