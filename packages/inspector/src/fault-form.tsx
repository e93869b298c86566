import { useState } from 'preact/hooks'
import { adminApi } from './admin-api.js'
import { errorText } from './error-text.js'
import { type FaultDraft, faultSpec, NO_FAULT } from './fault-spec.js'
import { SelectField } from './select-field.js'

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']

/**
 * Arms one fault: the fields `POST /__admin/faults` takes, the answers offered by the chosen service. The
 * numbers are left to the admin API to judge, so the page says what it says, in its words.
 */
export function FaultForm({
  answers,
  onArmed,
}: {
  answers: Readonly<Record<string, readonly string[]>>
  onArmed: () => void
}) {
  const [draft, setDraft] = useState<FaultDraft>(NO_FAULT)
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>()
  const services = Object.keys(answers)
  const offered = [
    'reset',
    ...new Set(draft.service === '' ? Object.values(answers).flat() : (answers[draft.service] ?? [])),
  ]
  const set = (change: Partial<FaultDraft>) => {
    const next = { ...draft, ...change }
    // A named answer only its service has: changing the service to one without it goes back to reset.
    const nextOffered = next.service === '' ? Object.values(answers).flat() : (answers[next.service] ?? [])
    setDraft(next.fault === 'reset' || nextOffered.includes(next.fault) ? next : { ...next, fault: 'reset' })
  }
  return (
    <form
      class="card fault-form"
      aria-label="Arm a fault"
      onSubmit={async (event) => {
        event.preventDefault()
        try {
          const { fault } = await adminApi.armFault(faultSpec(draft))
          setOutcome({ ok: true, text: `Armed fault #${fault.id}: ${fault.fault}.` })
          onArmed()
        } catch (error) {
          setOutcome({ ok: false, text: errorText(error) })
        }
      }}
    >
      <h3>Arm a fault</h3>
      <div class="form-row">
        <SelectField
          label="Service"
          name="service"
          value={draft.service}
          options={services}
          emptyLabel="any"
          onChange={(value) => set({ service: value })}
        />
        <SelectField
          label="Fault"
          name="fault"
          value={draft.fault}
          options={offered}
          onChange={(value) => set({ fault: value })}
        />
        <SelectField
          label="Method"
          name="method"
          value={draft.method}
          options={METHODS}
          emptyLabel="any"
          onChange={(value) => set({ method: value })}
        />
        <label>
          Path prefix
          <input
            name="path"
            value={draft.path}
            placeholder="any path"
            onInput={(e) => set({ path: e.currentTarget.value })}
          />
        </label>
        <label>
          Times
          <input
            name="times"
            type="number"
            step="any"
            value={draft.times}
            onInput={(e) => set({ times: e.currentTarget.value })}
          />
        </label>
        {draft.fault === 'reset' ? (
          <label>
            After bytes
            <input
              name="afterBytes"
              type="number"
              step="any"
              value={draft.afterBytes}
              placeholder="0"
              onInput={(e) => set({ afterBytes: e.currentTarget.value })}
            />
          </label>
        ) : (
          <label>
            Retry-After (s)
            <input
              name="retryAfter"
              type="number"
              step="any"
              value={draft.retryAfter}
              placeholder="none"
              onInput={(e) => set({ retryAfter: e.currentTarget.value })}
            />
          </label>
        )}
        <button type="submit" class="button primary">
          Arm fault
        </button>
      </div>
      {outcome !== undefined && (
        <p class={outcome.ok ? 'note' : 'error'} role="status">
          {outcome.text}
        </p>
      )}
    </form>
  )
}
