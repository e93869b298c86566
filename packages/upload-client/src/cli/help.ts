export const HELP = `Usage:
  crmkit upload sharpspring --object-type <lead|account|opportunity> --field <systemName> <id>=<file>...
  crmkit upload sharpspring --product <productId> <image>
  crmkit upload onepagecrm --contact <id> <--note|--deal|--call|--meeting <id> | --photo | --avatar
                           | --account-document> [--nested] <file>

Uploads files to SharpSpring (/uploadFiles, /uploadProductImage) or OnePageCRM (s3_form, S3, /attachments).

SharpSpring:
  --account-id <id>     or SHARPSPRING_ACCOUNT_ID
  --secret-key <key>    or SHARPSPRING_SECRET_KEY (prefer the variable: flags show in process lists)
  --base-url <url>      or SHARPSPRING_BASE_URL (default https://api.sharpspring.com/pubapi)
  --api-version <v>     v1 or v1.2 (default v1.2)

OnePageCRM:
  --user-id <id>        or ONEPAGECRM_USER_ID
  --api-key <key>       or ONEPAGECRM_API_KEY
  --base-url <url>      or ONEPAGECRM_BASE_URL (default https://app.onepagecrm.com/api/v3)

Common:
  --json                Print the result (or the error) as one line of JSON on stdout; progress and
                        retry lines stay human-readable on stderr
  --timeout <ms>        Longest time without a byte sent or received (default 30000)
  --retries <n>         Retries of a failed request (default 3; 0 turns them off); each retry is
                        announced on stderr: retrying in 20 s (OnePageCRM throttled: 403), attempt 2 of 4
  --quiet               No progress or retry lines on stderr
  -h, --help            Show this text
  -v, --version         Print the version

Exit codes: 0 done, 1 bug, 2 usage, 3 refused by the CRM or S3, 4 file or policy problem,
5 network or timeout, 6 unexpected answer, 130 interrupted.`
