import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDirectory } from '../test/support/test-directory';

/**
 * A project of its own whose build appends a line to builds.log (a .log file is not an input),
 * so each test counts how often `ensure` built.
 */
function projectWithCountedBuild(failBuild = false, buildMs = 0): { root: string; ensure(): void; ensureAsync(): Promise<void>; builds(): number } {
  const root = testDirectory('build-stamp');
  mkdirSync(join(root, 'tools'), { recursive: true });
  mkdirSync(join(root, 'src'), { recursive: true });
  copyFileSync(join(__dirname, 'build-stamp.mjs'), join(root, 'tools', 'build-stamp.mjs'));
  writeFileSync(join(root, 'src', 'main.ts'), 'export {};\n');
  const build = `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${buildMs}); require('fs').appendFileSync('builds.log', 'built\\n'); process.exit(${failBuild ? 1 : 0})`;
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({
      name: 'counted-build',
      private: true,
      scripts: { prebuild: 'node tools/build-stamp.mjs begin', build: `node -e "${build}"`, postbuild: 'node tools/build-stamp.mjs end' },
    }),
  );
  return {
    root,
    ensure: () => {
      try {
        execFileSync(process.execPath, [join(root, 'tools', 'build-stamp.mjs'), 'ensure'], { cwd: root, stdio: 'pipe' });
      } catch {
        // a failed build: counted in builds.log all the same
      }
    },
    ensureAsync: () =>
      new Promise((done) => {
        execFile(process.execPath, [join(root, 'tools', 'build-stamp.mjs'), 'ensure'], { cwd: root }, () => done());
      }),
    builds: () => {
      try {
        return readFileSync(join(root, 'builds.log'), 'utf8').split('\n').filter(Boolean).length;
      } catch {
        return 0;
      }
    },
  };
}

/** Sets a file's modification time a few seconds into the future: newer than any stamp. */
function touchLater(path: string): void {
  const later = new Date(Date.now() + 5_000);
  utimesSync(path, later, later);
}

describe('build-stamp ensure (npm start)', () => {
  it('builds a fresh clone once, then starts without building while nothing changed', () => {
    const project = projectWithCountedBuild();
    project.ensure();
    expect(project.builds()).toBe(1);
    project.ensure();
    project.ensure();
    expect(project.builds()).toBe(1);
  });

  it('builds again after a source file changes, in any folder, including a new top-level one', () => {
    const project = projectWithCountedBuild();
    project.ensure();
    touchLater(join(project.root, 'src', 'main.ts'));
    project.ensure();
    expect(project.builds()).toBe(2);

    mkdirSync(join(project.root, 'console', 'src'), { recursive: true });
    writeFileSync(join(project.root, 'console', 'src', 'app.tsx'), 'export {};\n');
    touchLater(join(project.root, 'console', 'src', 'app.tsx'));
    project.ensure();
    expect(project.builds()).toBe(3);
  });

  it('ignores documentation, build output, dependencies and what .gitignore names', () => {
    const project = projectWithCountedBuild();
    writeFileSync(join(project.root, '.gitignore'), 'test/screenshots/\ncache/\n*.png\n');
    project.ensure();
    for (const path of [
      'README.md',
      'docs/operations.md',
      'node_modules/x/index.js',
      'console/dist/index.js',
      'test/screenshots/overview.png',
      'src/cache/entry.json',
      'src/logo.png',
    ]) {
      mkdirSync(join(project.root, path, '..'), { recursive: true });
      writeFileSync(join(project.root, path), 'x');
      touchLater(join(project.root, path));
    }
    project.ensure();
    expect(project.builds()).toBe(1);
  });

  it('builds again after a failed build, which leaves no stamp', () => {
    const project = projectWithCountedBuild(true);
    project.ensure();
    project.ensure();
    expect(project.builds()).toBe(2);
  });

  it('builds once when two commands start together: the second waits for the first build', async () => {
    const project = projectWithCountedBuild(false, 1_500);
    await Promise.all([project.ensureAsync(), project.ensureAsync()]);
    expect(project.builds()).toBe(1);
    expect(existsSync(join(project.root, '.build.lock'))).toBe(false);
  });
});
