/**
 * SharpSpring's error codes. 101–214 are the official list [DOC]:
 * https://help.sharpspring.com/hc/en-us/articles/360034119232-Understanding-Lead-Gen-CRM-Open-API-Error-Codes
 * 215's text is cut off in every public copy of that list and its number inferred; 219 and 220 (the lead
 * timeline's) are in the current copy of that list:
 * https://knowledgebase.constantcontact.com/lead-gen-crm/articles/KnowledgeBase/50570-Understanding-Lead-Gen-CRM-Open-API-Error-Codes?lang=en_US
 * 301, 302 and 404 come from client code [CLIENT]; 999 from a bulk loader's comments [CLIENT]. Their messages are the wire's
 * business: http/failure-table.ts.
 */
export type RpcErrorCode =
  | 101
  | 102
  | 103
  | 104
  | 105
  | 106
  | 107
  | 201
  | 202
  | 203
  | 204
  | 205
  | 206
  | 207
  | 208
  | 209
  | 210
  | 211
  | 212
  | 213
  | 214
  | 215
  | 219
  | 220
  | 301
  | 302
  | 404
  | 999

/** A refusal, of a whole call or of one object in it: the code, and what `data` tells about it. */
export interface Failure {
  readonly code: RpcErrorCode
  readonly data: unknown
}

/** `data` defaults to `[]`: what PHP's `json_encode` makes of the empty array the service sends. */
export const failure = (code: RpcErrorCode, data: unknown = []): Failure => ({ code, data })
