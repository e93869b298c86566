/** How the SharpSpring mock is set up. Defaults in `createSharpSpringConfig`, documented in the README. */
export interface SharpSpringConfig {
  readonly accountId: string
  readonly secretKey: string
  /**
   * The `dataType` of a File Upload custom field, the one `/uploadFiles` takes files into. SharpSpring's own
   * `createFields` sample lists `upload` (and `attachment`) among the data types [SAMPLE createFields]; that
   * `upload` is the one `/uploadFiles` fills is inferred, so it stays configurable [INFER].
   */
  readonly fileFieldType: string
  /** Largest file `/uploadFiles` and `/uploadProductImage` keep: undocumented, so configurable [INFER]. */
  readonly maxFileBytes: number
  /**
   * Largest JSON-RPC body read: undocumented, so configurable [INFER]; 8 MiB by default, PHP's default
   * `post_max_size` (https://www.php.net/manual/en/ini.core.php#ini.post-max-size), the service's samples
   * being PHP. A larger body is 101, as PHP hands a script an empty body past that limit.
   */
  readonly maxJsonBodyBytes: number
  /** Enforce 10 calls a second (107) and 50,000 a day (106) [DOC]; off by default. */
  readonly limits: boolean
  /**
   * The IANA time zone of the account's Company Profile, which `v1` reads and writes date-times in (`v1.2`
   * uses UTC) [CLIENT dllobell]. Default `America/New_York`: SharpSpring is a US (Eastern) company and its
   * app defaults to US zones [INFER].
   */
  readonly timeZone: string
}

// Recognisably fake credentials in SharpSpring's formats: an account id like `3_1A2B…`, a 32-hex secret.
export const DEFAULT_ACCOUNT_ID = '3_0A1B2C3D4E5F60718293A4B5C6D7E8F9'
export const DEFAULT_SECRET_KEY = '0123456789ABCDEF0123456789ABCDEF'

export function createSharpSpringConfig(overrides: Partial<SharpSpringConfig> = {}): SharpSpringConfig {
  return {
    accountId: DEFAULT_ACCOUNT_ID,
    secretKey: DEFAULT_SECRET_KEY,
    fileFieldType: 'upload',
    maxFileBytes: 25 * 1024 * 1024,
    maxJsonBodyBytes: 8 * 1024 * 1024,
    limits: false,
    timeZone: 'America/New_York',
    ...overrides,
  }
}
