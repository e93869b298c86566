import type { ApiDeps } from '../api-deps.js'
import { ACCOUNT_SETTINGS, CALL_RESULTS, CONTACT_TITLES, COST_SETUP } from '../domain/account-defaults.js'
import { ok } from '../domain/api-failures.js'
import { contactsCount } from '../domain/contact-counts.js'
import { FIELD_KINDS, FIELD_SINGULAR, fieldsInOrder } from '../domain/custom-fields.js'
import { defaultPipeline } from '../domain/deal-rules.js'
import { leadSources } from '../domain/lead-sources.js'
import { listRecords } from '../domain/lookup-collections.js'
import { statuses } from '../domain/statuses.js'
import { teamStreamCounts } from '../domain/stream-counts.js'
import { tagCounts } from '../domain/tag-counts.js'
import { pipelineView } from './account-routes.js'
import { respond } from './envelope.js'
import { fieldView } from './field-views.js'
import { leadSourceView, statusView } from './lookup-views.js'
import type { OperationRoutes } from './operation-routes.js'
import { predefinedActionView } from './predefined-views.js'
import { crmContext, viewContext } from './request-context.js'
import { memberView } from './user-views.js'

/**
 * `GET /bootstrap` (the spec's getBootstrap and Bootstrap): in `data` the caller, the rest of the team, the
 * account's settings, cost setup, fields, filters, call results, predefined actions and contact titles;
 * beside `data`, the lead sources, statuses, tags, contacts per letter and the team stream's counts. The
 * user, team members and fields are wrapped (`{user: …}`, `{custom_field: …}`) and `contacts_count.all` is
 * one object, as OnePageCRM's Java SDK parses them and its fixture of a real answer shows
 * (OnePageCRM/java-client-wrapper, UserSerializer, CustomFieldSerializer, ContactsCountSerializer;
 * src/test/res/responses/handler_test/request_00_login_response.json).
 */
export function addBootstrapRoute(routes: OperationRoutes, deps: ApiDeps): void {
  routes.on('getBootstrap', {}, async (c) => {
    const user = c.get('user')
    const view = viewContext(c, deps)
    const ctx = crmContext(c, deps)
    const { state } = deps
    const pipeline = defaultPipeline(state)
    const data = {
      user_id: user.id,
      auth_key: user.api_key,
      account_type: 'pro',
      user: { user: await memberView(view, user, user) },
      team: await Promise.all(
        [...state.users.values()]
          .filter((member) => member.id !== user.id)
          .map(async (member) => ({ user: await memberView(view, member, user) })),
      ),
      settings: {
        ...ACCOUNT_SETTINGS,
        // Addresses are not emulated, so none has been used yet.
        popular_countries: [],
        deal_stages: pipeline?.stages ?? [],
        pipelines: [...state.pipelines.values()].map((each) => ({ pipeline: pipelineView(each) })),
      },
      cost_setup: COST_SETUP,
      ...Object.fromEntries(
        FIELD_KINDS.map((kind) => [
          kind,
          fieldsInOrder(state, kind).map((field) => ({ [FIELD_SINGULAR[kind]]: fieldView(kind, field) })),
        ]),
      ),
      // Filters are made in the app, never through the API.
      filters: [],
      call_results: Object.fromEntries(CALL_RESULTS.map(({ result, text }) => [result, text])),
      call_results_order: CALL_RESULTS.map(({ result }) => result),
      predefined_actions: [...state.predefined_actions.values()].map((action) =>
        predefinedActionView(state, action),
      ),
      contact_titles: CONTACT_TITLES,
    }
    const body = {
      lead_sources: listRecords(ctx, leadSources).map((source) => leadSourceView(state, user, source)),
      statuses: listRecords(ctx, statuses).map((status) => ({ status: statusView(state, user, status) })),
      tags: tagCounts(state, user),
      contacts_count: contactsCount(state),
      team_stream: teamStreamCounts(state, user),
    }
    return respond(c, ok(data), (value) => value, false, body)
  })
}
