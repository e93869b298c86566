import { adminApi } from './admin-api.js'
import { FaultForm } from './fault-form.js'
import { usePolledAnswer } from './use-polled-answer.js'

/** The armed faults (`GET /__admin/faults`), a form to arm one, and a button to clear them all. */
export function FaultsView({ generation }: { generation: number }) {
  const { answer, problem, refresh, report } = usePolledAnswer(() => adminApi.faults(), 1000, [generation])
  return (
    <section class="page" aria-label="Faults">
      <header class="page-head">
        <h2>Faults</h2>
        <p class="meta">
          A fault catches the next matching requests before the vendor's route: <code>reset</code> drops the
          connection (after some bytes of the body), a named answer replies in the vendor's own format.
        </p>
      </header>
      {problem !== undefined && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {answer !== undefined && <FaultForm answers={answer.answers} onArmed={refresh} />}
      <h3>Armed</h3>
      {answer === undefined || answer.faults.length === 0 ? (
        <p class="empty">No fault is armed.</p>
      ) : (
        <>
          <table class="grid faults">
            <thead>
              <tr>
                <th>#</th>
                <th>Fault</th>
                <th>Service</th>
                <th>Method</th>
                <th>Path prefix</th>
                <th>Remaining</th>
                <th>After bytes</th>
                <th>Retry-After</th>
              </tr>
            </thead>
            <tbody>
              {answer.faults.map((fault) => (
                <tr key={fault.id} class="armed-fault" data-fault={fault.fault}>
                  <td>{fault.id}</td>
                  <td>
                    <span class="tag fault">{fault.fault}</span>
                  </td>
                  <td>{fault.service ?? 'any'}</td>
                  <td>{fault.method ?? 'any'}</td>
                  <td>{fault.path ?? 'any'}</td>
                  <td>{fault.remaining}</td>
                  <td>{fault.afterBytes ?? ''}</td>
                  <td>{fault.retryAfter === undefined ? '' : `${fault.retryAfter} s`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            class="button danger-outline"
            onClick={async () => {
              try {
                await adminApi.clearFaults()
              } catch (error) {
                report(error)
              }
              refresh()
            }}
          >
            Clear all faults
          </button>
        </>
      )}
    </section>
  )
}
