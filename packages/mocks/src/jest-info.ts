/** Where the info travels from jest's global setup to test files: jest runs them in workers that inherit the environment. */
export const INFO_VARIABLE = 'CRMKIT_MOCKS'
