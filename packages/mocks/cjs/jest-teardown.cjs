'use strict'
// jest's resolver and loader need CommonJS for a global teardown named by package; this loads the ES module.
module.exports = async function crmkitJestGlobalTeardown(...args) {
  const { default: globalTeardown } = await import('../dist/jest-teardown.js')
  return globalTeardown(...args)
}
