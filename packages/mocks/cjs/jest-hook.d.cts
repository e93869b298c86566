/** A jest `globalSetup` or `globalTeardown` module. */
declare function hook(): Promise<void>
export = hook
