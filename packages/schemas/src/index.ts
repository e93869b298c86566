/** OnePageCRM API v3, from the vendor's OpenAPI document (https://github.com/OnePageCRM/swagger). */
export * as onepagecrm from './onepagecrm/index.js'
/**
 * SharpSpring (Lead Gen & CRM) API: the JSON-RPC envelope and the upload answers, after SharpSpring's public
 * help articles, starting from its API overview:
 * https://help.sharpspring.com/hc/en-us/articles/115001069228-Understanding-SharpSpring-Open-API-Overview
 */
export * as sharpspring from './sharpspring/index.js'
