/** The fault form's fields as typed. */
export interface FaultDraft {
  readonly service: string
  readonly fault: string
  readonly method: string
  readonly path: string
  readonly times: string
  readonly afterBytes: string
  readonly retryAfter: string
}

export const NO_FAULT: FaultDraft = {
  service: '',
  fault: 'reset',
  method: '',
  path: '',
  times: '1',
  afterBytes: '',
  retryAfter: '',
}

/** The body of `POST /__admin/faults` for a draft: blank fields left out, numbers as numbers. */
export function faultSpec(draft: FaultDraft): Record<string, string | number> {
  const spec: Record<string, string | number> = { fault: draft.fault }
  if (draft.service !== '') spec.service = draft.service
  if (draft.method !== '') spec.method = draft.method
  if (draft.path.trim() !== '') spec.path = draft.path.trim()
  if (draft.times.trim() !== '') spec.times = Number(draft.times)
  if (draft.fault === 'reset' && draft.afterBytes.trim() !== '') spec.afterBytes = Number(draft.afterBytes)
  if (draft.fault !== 'reset' && draft.retryAfter.trim() !== '') spec.retryAfter = Number(draft.retryAfter)
  return spec
}
