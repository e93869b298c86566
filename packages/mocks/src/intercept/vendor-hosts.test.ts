import { createServer } from 'node:http'
import { describe, expect, it } from 'vitest'
import { vendorRoute } from './vendor-hosts.js'

const servers = { sharpspring: createServer(), onepagecrm: createServer(), s3: createServer() }
const route = vendorRoute(servers, {
  region: 'eu-central-1',
  buckets: ['onepagecrm-up-eu-central-1', 'second'],
})

describe('vendorRoute', () => {
  it.each([
    ['api.sharpspring.com', 443, 'sharpspring'],
    ['API.SharpSpring.com.', 443, 'sharpspring'],
    ['app.onepagecrm.com', 443, 'onepagecrm'],
    ['app.onepagecrm.com', 80, 'onepagecrm'],
    ['onepagecrm-up-eu-central-1.s3.eu-central-1.amazonaws.com', 443, 's3'],
    ['onepagecrm-up-eu-central-1.s3-eu-central-1.amazonaws.com', 443, 's3'],
    ['second.s3.dualstack.eu-central-1.amazonaws.com', 443, 's3'],
    ['second.s3.amazonaws.com', 443, 's3'],
    ['s3.eu-central-1.amazonaws.com', 443, 's3'],
    ['s3.amazonaws.com', 443, 's3'],
  ])('%s:%i → %s', (host, port, service) => {
    expect(route(host, port)).toBe(servers[service as keyof typeof servers])
  })

  it.each([
    ['api.sharpspring.com', 8443],
    ['sharpspring.com', 443],
    ['other-bucket.s3.eu-central-1.amazonaws.com', 443],
    ['onepagecrm-up-eu-central-1.s3.us-east-1.amazonaws.com', 443],
    ['s3.us-west-2.amazonaws.com', 443],
    ['example.com', 443],
    ['127.0.0.1', 80],
  ])('%s:%i is not a vendor crmkit mocks', (host, port) => {
    expect(route(host, port)).toBeUndefined()
  })

  it('routes no S3 host when the emulator is not running', () => {
    const onlySharpSpring = vendorRoute({ sharpspring: servers.sharpspring }, undefined)
    expect(onlySharpSpring('s3.eu-central-1.amazonaws.com', 443)).toBeUndefined()
    expect(onlySharpSpring('app.onepagecrm.com', 443)).toBeUndefined()
    expect(onlySharpSpring('api.sharpspring.com', 443)).toBe(servers.sharpspring)
  })

  it.each([
    ['api.sharpspring.com', 8443, 'only ports 443 and 80 of api.sharpspring.com are intercepted'],
    [
      'other-bucket.s3.eu-central-1.amazonaws.com',
      443,
      'the S3 emulator hosts onepagecrm-up-eu-central-1, second, not other-bucket: add it with interceptVendors({ s3: { buckets: [...] } }) or the S3 seed ({"buckets": [...]})',
    ],
    [
      'onepagecrm-up-eu-central-1.s3.us-east-1.amazonaws.com',
      443,
      'the S3 emulator runs in eu-central-1, not the region onepagecrm-up-eu-central-1.s3.us-east-1.amazonaws.com names: interceptVendors({ s3: { region } }) for another',
    ],
    [
      's3.us-west-2.amazonaws.com',
      443,
      'the S3 emulator runs in eu-central-1, not the region s3.us-west-2.amazonaws.com names: interceptVendors({ s3: { region } }) for another',
    ],
    ['example.com', 443, undefined],
    ['127.0.0.1', 80, undefined],
    ['api.sharpspring.com', 443, undefined],
  ])('why %s:%i is not answered: %s', (host, port, why) => {
    expect(route.why(host, port)).toBe(why)
  })

  it('says a vendor is not answered when its mock is not started', () => {
    const onlySharpSpring = vendorRoute({ sharpspring: servers.sharpspring }, undefined)
    expect(onlySharpSpring.why('app.onepagecrm.com', 443)).toBe(
      'the onepagecrm mock is not among the services started',
    )
    expect(onlySharpSpring.why('bucket.s3.eu-central-1.amazonaws.com', 443)).toBe(
      'the s3 mock is not among the services started',
    )
  })
})
