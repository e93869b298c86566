export const VERIFY_HELP = `Usage: crmkit-mocks verify <pact file|directory|URL>... [options]

Verifies any consumer's pacts against crmkit's mocks with Pact's own verifier
(@pact-foundation/pact-core, an optional peer dependency: npm i -D @pact-foundation/pact-core@^19.2).
Each pact is replayed against a fresh mock chosen by the pact's provider name (SharpSpring, OnePageCRM,
S3 and the aliases in STATES.md) and started with the credentials its requests carry. Provider states are
sentences of crmkit's vocabulary (STATES.md), e.g. "a lead {id} exists", "a contact {id} exists",
"the upload form expired"; the mocks are reset after every interaction.

  crmkit-mocks verify ./pacts
  crmkit-mocks verify shop-SharpSpring.json --json reports/pact.json --junit reports/pact.xml
  crmkit-mocks verify ./pacts --provider onepagecrm=crm-backend --states ./states.js

Options:
  --provider <mock>[=<name>]   Verify pacts of provider <name> (or every pact) against <mock>:
                               sharpspring, onepagecrm or s3 (repeatable)
  --states <module>            A module of your own provider states (defineStates from
                               @crmkit/mocks/verify; repeatable)
  --vocabulary <n>             The state vocabulary to use (default and latest: 1)
  --json <file>                Write the report as JSON (schema crmkit-mocks/verify@1)
  --junit <file>               Write the report as JUnit XML
  --s3-credentials <id:secret> The key pair your S3 forms were signed with (default: the emulator's,
                               the AWS documentation's example pair)
  --timeout <ms>               Pact's timeout per request (default Pact's, 5000)
  --verbose                    Print Pact's own output as well
  --help                       Show this text

Exit codes:
  0   every interaction verified (failures of pending pacts are reported, not fatal)
  1   a verification failure: a difference, an unknown state or one whose setup failed
  2   usage or configuration: a bad option, an unreadable or invalid pact, a provider name no mock
      fits, an invalid or clashing --states module, @pact-foundation/pact-core not installed
  3   nothing verified: a pact with no interactions, or none the verifier could load
  70  internal error: Pact's verifier could not run or crashed`
