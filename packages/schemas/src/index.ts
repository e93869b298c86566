/** OnePageCRM API v3, from the vendor's OpenAPI document (onepagecrm-openapi.yaml). */
export * as onepagecrm from './onepagecrm/index.js'
/** SharpSpring (Lead Gen & CRM) API: the JSON-RPC envelope and the upload answers (sharpspring.md). */
export * as sharpspring from './sharpspring/index.js'
