import { SERVICE_NAMES, type ServiceName } from './mocks-info.js'

/**
 * The services to start, in start order, from what was asked: all three by default; `onepagecrm` brings
 * `s3`, where its attachments are uploaded. Throws naming an unknown service.
 */
export function resolveServices(asked: readonly string[] | undefined): ServiceName[] {
  const wanted = new Set<string>(asked === undefined || asked.length === 0 ? SERVICE_NAMES : asked)
  for (const name of wanted) {
    if (!(SERVICE_NAMES as readonly string[]).includes(name))
      throw new Error(`unknown service '${name}'; the services are ${SERVICE_NAMES.join(', ')}`)
  }
  if (wanted.has('onepagecrm')) wanted.add('s3')
  return SERVICE_NAMES.filter((name) => wanted.has(name))
}
