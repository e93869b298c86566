// Starts the mocks with their command, as a shell script or a CI step would, reads the one JSON ready
// line, checks each service, then stops them with SIGTERM.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

// The installed command itself, as a shell script would run it (npx would stand between it and the signal).
const mocks = spawn(
  'node_modules/.bin/crmkit-mocks',
  ['--json', '--sharpspring-port', '0', '--onepagecrm-port', '0', '--s3-port', '0'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
)
// Whatever fails below, the mocks do not outlive this script.
process.on('exit', () => mocks.kill())
const [line] = await once(createInterface({ input: mocks.stdout }), 'line')
const { sharpspring, onepagecrm, s3 } = JSON.parse(line)

for (const url of [sharpspring.url, onepagecrm.url, s3.url]) {
  const health = await (await fetch(`${url}/__admin/health`)).json()
  if (health.status !== 'ok') throw new Error(`${url}: ${JSON.stringify(health)}`)
}
const query = `accountID=${sharpspring.credentials.accountId}&secretKey=${sharpspring.credentials.secretKey}`
const lead = await (
  await fetch(`${sharpspring.api}/v1/?${query}`, {
    method: 'POST',
    body: JSON.stringify({ method: 'getLead', params: { id: sharpspring.demo.leadId }, id: 1 }),
  })
).json()
if (lead.result?.lead?.[0]?.id !== String(sharpspring.demo.leadId)) throw new Error(JSON.stringify(lead))
const { userId, apiKey } = onepagecrm.credentials
const bootstrap = await fetch(`${onepagecrm.api}/bootstrap.json`, {
  headers: { Authorization: `Basic ${Buffer.from(`${userId}:${apiKey}`).toString('base64')}` },
})
if (bootstrap.status !== 200) throw new Error(`bootstrap: ${bootstrap.status}`)

// The inspector comes inside the package: its page and script are served from memory on every port.
const inspector = await fetch(`${s3.url}/__admin/`)
const html = await inspector.text()
if (inspector.status !== 200 || !html.includes('<script type="module" src="assets/app.js">'))
  throw new Error(`inspector: ${inspector.status} ${html.slice(0, 200)}`)
const script = await fetch(`${sharpspring.url}/__admin/assets/app.js`)
if (script.status !== 200 || (await script.text()).length < 10_000)
  throw new Error(`inspector script: ${script.status}`)

mocks.kill('SIGTERM')
const [code] = await once(mocks, 'exit')
if (code !== 0) throw new Error(`crmkit-mocks exited ${code}`)
console.log('node-script: 1 passed, 0 failed')
