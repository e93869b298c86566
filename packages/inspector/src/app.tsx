import { useEffect, useState } from 'preact/hooks'
import { adminApi } from './admin-api.js'
import { ClockBadge } from './clock-badge.js'
import { ClockView } from './clock-view.js'
import { errorText } from './error-text.js'
import { FaultsView } from './faults-view.js'
import { FilesView } from './files-view.js'
import { RecordsView } from './records-view.js'
import { RequestsView } from './requests-view.js'
import { ResetButton } from './reset-button.js'
import { useClock } from './use-clock.js'

const TABS = [
  ['requests', 'Requests'],
  ['files', 'Files'],
  ['records', 'Records'],
  ['faults', 'Faults'],
  ['clock', 'Clock'],
] as const

type Tab = (typeof TABS)[number][0]

/** The tab the address names (`#files`), so a reload or a shared link opens the same one. */
function tabOfHash(): Tab {
  const name = location.hash.replace(/^#\/?/, '')
  return TABS.find(([tab]) => tab === name)?.[0] ?? 'requests'
}

export function App() {
  const [tab, setTab] = useState<Tab>(tabOfHash)
  const [services, setServices] = useState<readonly string[]>([])
  const [problem, setProblem] = useState<string>()
  // Bumped by a reset, so that every view reads the mocks again at once.
  const [generation, setGeneration] = useState(0)
  const clock = useClock(generation)

  useEffect(() => {
    const onHash = () => setTab(tabOfHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    adminApi
      .health()
      .then((health) => {
        setServices(health.services)
        setProblem(undefined)
      })
      .catch((error: unknown) => setProblem(errorText(error)))
  }, [generation])

  return (
    <div class="layout">
      <header class="topbar">
        <h1>
          crmkit <span>inspector</span>
        </h1>
        <nav class="tabs" aria-label="Views">
          {TABS.map(([name, label]) => (
            <a
              key={name}
              href={`#${name}`}
              aria-current={tab === name ? 'page' : undefined}
              class={tab === name ? 'tab active' : 'tab'}
            >
              {label}
            </a>
          ))}
        </nav>
        <div class="topbar-end">
          <span class="services" title="The services of this process; every port shows all of them">
            {services.join(' · ')}
          </span>
          <ClockBadge clock={clock.state} now={clock.now} />
          <ResetButton
            onReset={() => {
              setGeneration((value) => value + 1)
            }}
          />
        </div>
      </header>
      {problem !== undefined && (
        <p class="banner" role="alert">
          The admin API did not answer: {problem}
        </p>
      )}
      <main class="content">
        {tab === 'requests' && <RequestsView services={services} generation={generation} />}
        {tab === 'files' && <FilesView generation={generation} />}
        {tab === 'records' && <RecordsView generation={generation} />}
        {tab === 'faults' && <FaultsView generation={generation} />}
        {tab === 'clock' && <ClockView clock={clock.state} now={clock.now} onChange={clock.update} />}
      </main>
    </div>
  )
}
