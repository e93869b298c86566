export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One operation of the vendor's OpenAPI document, with what a request to it may carry. */
export interface DocumentedOperation {
  readonly id: string
  readonly method: HttpMethod
  /** The document's path template, `{name}` for a parameter. */
  readonly path: string
  /** The query parameters it documents. */
  readonly query: readonly string[]
  /** The JSON body fields it documents. */
  readonly body: readonly string[]
}
