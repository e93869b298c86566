import type { Failure, RpcErrorCode } from '../domain/failure.js'

/**
 * SharpSpring's message for each code, the one table every answer takes them from (the sources of the
 * codes are listed in domain/failure.ts; the texts are the official list's, word for word).
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
  219: 'Incorrect eventSource value supplied.',
  220: 'Please supply a valid whoID.',
  301: 'Entry already exists',
  302: 'No table rows affected',
  404: 'Not found',
  999: 'Unknown error. Please contact SharpSpring Developer Support.',
} as const satisfies Record<RpcErrorCode, string>

/** The error object of the envelope and of object-level results: `{code, message, data}`. */
export interface RpcError {
  readonly code: RpcErrorCode
  readonly message: string
  readonly data: unknown
}

export const renderFailure = ({ code, data }: Failure): RpcError => ({
  code,
  message: RPC_ERRORS[code],
  data,
})

/** A failure in one line, for messages outside the envelope (a refused seed). */
export const describeFailure = (failure: Failure): string => {
  const { code, message, data } = renderFailure(failure)
  return `${code} ${message} ${JSON.stringify(data)}`
}
