/**
 * SharpSpring's error codes and messages, the one table every answer takes them from. 101–214 are the
 * official list [DOC]:
 * https://help.sharpspring.com/hc/en-us/articles/360034119232-Understanding-Lead-Gen-CRM-Open-API-Error-Codes
 * 215's text is cut off in every public copy of that list and its number inferred; 301, 302 and 404 come
 * from client code [CLIENT]; 999 from a bulk loader's comments [CLIENT].
 */
export const RPC_ERRORS = {
  101: 'Invalid request data format.',
  102: 'Header missing request ID.',
  103: 'Header missing account ID.',
  104: 'Header missing Secret Key.',
  105: 'User authentication failed.',
  106: 'Exceeded daily method call limit.',
  107: 'Exceeded per second method call limit.',
  201: 'Missing method signature.',
  202: 'Missing params array.',
  203: 'Missing header array.',
  204: 'Invalid method signature.',
  205: 'Invalid parameters.',
  206: 'Missing parameters.',
  207: 'Missing objects array.',
  208: 'Object is malformed (expected array, got scalar).',
  209: 'Attempting to execute an excess amount of queries.',
  210: 'Got array, expected variable.',
  211: 'Only custom fields can be deleted.',
  212: 'Object is not owned by the company.',
  213: 'The lead you tried to add is already a member.',
  214: 'The lead you tried to add does not exist for this account.',
  215: 'You have supplied an invalid country code.',
  301: 'Entry already exists',
  302: 'No table rows affected',
  404: 'Not found',
  999: 'Unknown error. Please contact SharpSpring Developer Support.',
} as const

export type RpcErrorCode = keyof typeof RPC_ERRORS

/** The error object of the envelope and of object-level results: `{code, message, data}`. */
export interface RpcError {
  readonly code: RpcErrorCode
  readonly message: string
  readonly data: unknown
}

export const rpcError = (code: RpcErrorCode, data: unknown = []): RpcError => ({
  code,
  message: RPC_ERRORS[code],
  data,
})
