import { useState } from 'preact/hooks'
import { adminApi } from './admin-api.js'
import { errorText } from './error-text.js'

/** `POST /__admin/reset`, asked twice: it drops every record, file, request and fault of every service. */
export function ResetButton({ onReset }: { onReset: () => void }) {
  const [asking, setAsking] = useState(false)
  const [problem, setProblem] = useState<string>()
  if (!asking)
    return (
      <button type="button" class="button danger-outline" onClick={() => setAsking(true)}>
        Reset…
      </button>
    )
  return (
    <span class="confirm">
      <span>{problem ?? 'Every service back to its start?'}</span>
      <button
        type="button"
        class="button danger"
        onClick={async () => {
          try {
            await adminApi.reset()
            setAsking(false)
            setProblem(undefined)
            onReset()
          } catch (error) {
            setProblem(errorText(error))
          }
        }}
      >
        Reset
      </button>
      <button type="button" class="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  )
}
