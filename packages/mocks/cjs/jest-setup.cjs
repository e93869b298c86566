'use strict'
// jest's resolver and loader need CommonJS for a global setup named by package; this loads the ES module.
module.exports = async function crmkitJestGlobalSetup(...args) {
  const { default: globalSetup } = await import('../dist/jest-setup.js')
  return globalSetup(...args)
}
