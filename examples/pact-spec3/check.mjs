// A specification-3 pact as pact-php writes it (the multipart body of /uploadFiles in base64), verified
// against crmkit's SharpSpring mock by `crmkit-mocks verify`; then a wrong copy of it, which must fail
// (exit 1) naming each interaction and what differs.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const verify = (...args) =>
  spawnSync('npx', ['--no-install', 'crmkit-mocks', 'verify', ...args], { encoding: 'utf8' })

const good = verify('./pacts', '--junit', 'reports/pact.xml')
process.stdout.write(good.stdout)
if (good.status !== 0) throw new Error(`verify ./pacts exited ${good.status}: ${good.stderr}`)
if (!readFileSync('reports/pact.xml', 'utf8').includes('tests="3" failures="0"'))
  throw new Error('The JUnit report does not list 3 passed interactions')

const wrong = verify('./wrong', '--json', 'reports/wrong.json')
process.stdout.write(wrong.stdout)
if (wrong.status !== 1) throw new Error(`verify ./wrong exited ${wrong.status}, not 1: ${wrong.stderr}`)
for (const line of [
  // A field the mock does not answer.
  '✗ getLead for a lead that exists',
  'Actual map is missing the following keys: email_address',
  // A status.
  '✗ getLead while SharpSpring is rate limiting',
  'StatusMismatch: expected 429 but was 200',
  // A missing multipart part: SharpSpring answers HTTP 200 with error 206, which the journal names.
  '✗ uploadFiles with two files, each to its own lead',
  'error 206 "Missing parameters."',
]) {
  if (!wrong.stdout.includes(line)) throw new Error(`The failing run does not say: ${line}`)
}
const report = JSON.parse(readFileSync('reports/wrong.json', 'utf8'))
if (report.schema !== 'crmkit-mocks/verify@1' || report.exitCode !== 1)
  throw new Error('The JSON report is not the failing run')
execFileSync('npx', ['--no-install', 'crmkit-mocks', 'verify', '--help'], { stdio: 'ignore' })
console.log('pact-spec3: the spec-3 pact verifies, its wrong copy fails with exit 1 and says why')
