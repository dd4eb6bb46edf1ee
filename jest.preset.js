// Shared by every jest project: TypeScript through swc (decorators and their metadata on),
// libraries resolved to their sources so tests never need a build.
const path = require('node:path');
const fs = require('node:fs');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    // @fastify/static (Swagger UI under Fastify) requires content-disposition 3, which is ESM only.
    '^.+/content-disposition/.+\\.js$': ['@swc/jest', { swcrc: false, module: { type: 'commonjs' }, jsc: { target: 'es2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(.*/)?content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@onewindow/(contracts|domain|pdf|platform|testing|proto)$': path.join(__dirname, 'libs/$1/src/index.ts'),
    '^@onewindow/platform/tracing$': path.join(__dirname, 'libs/platform/src/observability/tracing.ts'),
  },
};
