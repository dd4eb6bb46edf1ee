// `npm test` runs all three kinds; `npx jest --selectProjects unit` runs one.
const preset = require('./jest.preset');

const roots = ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/test'];

module.exports = {
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest-global-teardown.ts',
  projects: [
    { ...preset, displayName: 'unit', roots, testMatch: ['**/*.spec.ts'] },
    { ...preset, displayName: 'integration', roots, testMatch: ['**/*.int-spec.ts'], slowTestThreshold: 30 },
    { ...preset, displayName: 'e2e', roots, testMatch: ['**/*.e2e-spec.ts'], slowTestThreshold: 120 },
  ],
};
