import { globalTeardown } from './jest-setup.js'

// biome-ignore lint/style/noDefaultExport: jest loads an ES module global teardown from its default export only.
export default globalTeardown
