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
  crmkit-mocks verify --broker https://broker.example --provider sharpspring=SharpSpring --publish

Options:
  --provider <mock>[=<name>]   Verify pacts of provider <name> (or every pact) against <mock>:
                               sharpspring, onepagecrm or s3 (repeatable)
  --states <module>            A module of your own provider states (defineStates from
                               @crmkit/mocks/verify; repeatable)
  --vocabulary <n>             The state vocabulary to use (default and latest: 1)
  --json <file>                Write the report as JSON (schema crmkit-mocks/verify@1)
  --junit <file>               Write the report as JUnit XML
  --sharpspring-credentials <accountID:secretKey>
  --onepagecrm-credentials <userId:apiKey>
                               The credentials the mock accepts (default: those the pact's requests
                               carry, else the mock's own)
  --s3-credentials <id:secret> The key pair your S3 forms were signed with (default: the emulator's,
                               the AWS documentation's example pair)
  --s3-host <bucket>.s3.<region>.amazonaws.com
                               Send every request of an S3 pact with this Host: a bucket addressed
                               virtual-hosted style by a consumer whose pact did not record the Host
                               (a recorded Host is replayed as it is)
  --s3-bucket <name>           Host this bucket too (repeatable; the buckets a pact names are hosted)
  --timeout <ms>               Pact's timeout per request (default Pact's, 5000)
  --filter-description <re>    Only interactions whose description matches (the others: not run)
  --filter-state <re>          Only interactions with a provider state that matches
  --verbose                    Print Pact's own output as well
  --help                       Show this text

Pact Broker (instead of files; PactFlow too):
  --broker <url>               The broker (or PACT_BROKER_BASE_URL when no file is given); with
                               --broker-token <t> or --broker-username <u> --broker-password <p> (or
                               PACT_BROKER_TOKEN, PACT_BROKER_USERNAME, PACT_BROKER_PASSWORD)
  --provider <mock>=<name>     Required with a broker: the provider name your pacts use, per mock
  --consumer <name>            Only this consumer's pacts (repeatable)
  --selector '<json>'          A consumer version selector (repeatable; default {"mainBranch":true},
                               {"matchingBranch":true}, {"deployedOrReleased":true})
  --include-pending            Pending pacts: their failures are reported, not fatal
  --include-wip-since <date>   Work-in-progress pacts since YYYY-MM-DD
  --publish                    Publish the results, as --provider-version <v> (default GIT_COMMIT,
                               GITHUB_SHA or git's HEAD), --provider-branch <b> (GIT_BRANCH,
                               GITHUB_REF_NAME or git's branch), --build-url <u> (BUILD_URL or the
                               GitHub Actions run)

Exit codes:
  0   every interaction verified (failures of pending pacts are reported, not fatal)
  1   a verification failure: a difference, an unknown state or one whose setup failed
  2   usage or configuration: a bad option, an unreadable or invalid pact, a provider name no mock
      fits, an invalid or clashing --states module, @pact-foundation/pact-core not installed
  3   nothing verified: a pact with no interactions, none the verifier could load, or a broker
      that could not be reached, refused the credentials or had no pacts for the selectors
  4   every interaction verified, but publishing the results to the broker failed
  70  internal error: Pact's verifier could not run or crashed`
