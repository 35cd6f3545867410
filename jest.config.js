const fs = require('node:fs');
const path = require('node:path');

// NestJS 12 (and some of its dependencies) ship ES modules only, and Jest cannot require()
// them on Node 20, so Jest compiles every such package to CommonJS with Babel (once; Jest
// caches the result).
function esModulePackages(nodeModules = path.join(__dirname, 'node_modules')) {
  const names = fs
    .readdirSync(nodeModules)
    .flatMap((name) => (name.startsWith('@') ? fs.readdirSync(path.join(nodeModules, name)).map((inner) => `${name}/${inner}`) : [name]));
  return names.filter((name) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(nodeModules, name, 'package.json'), 'utf8')).type === 'module';
    } catch {
      return false;
    }
  });
}
const esmPackages = esModulePackages().map((name) => name.replace(/[.]/g, '\\.'));
const shared = {
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        plugins: [
          path.join(__dirname, 'test/support/esm-interop.babel-plugin.js'),
          '@babel/plugin-transform-modules-commonjs',
          '@babel/plugin-transform-dynamic-import',
        ],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
