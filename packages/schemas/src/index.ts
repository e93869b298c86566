/** OnePageCRM API v3, from the vendor's OpenAPI document (onepagecrm-openapi.yaml). */
export * as onepagecrm from './onepagecrm/index.js'
