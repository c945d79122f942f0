// Dates in tests are computed in UTC, whatever the machine says.
process.env.TZ = 'UTC';

const transform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};

// jose ships only ES modules, and the OTLP exporter loads `http` with a dynamic import(), which
// Jest's module sandbox refuses without --experimental-vm-modules: both are compiled to CommonJS
// like our own files (node_modules is otherwise left as is).
const transformIgnorePatterns = ['/node_modules/(?!(jose|@opentelemetry/otlp-exporter-base)/)'];

const common = { transform, transformIgnorePatterns, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/eval/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
