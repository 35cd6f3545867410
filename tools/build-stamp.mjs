// `npm start` builds only when the build is missing or older than a source file.
//
//   node tools/build-stamp.mjs begin    (prebuild)  empty dist/ and note when the build started
//   node tools/build-stamp.mjs end      (postbuild) the build succeeded: stamp it with that time
//   node tools/build-stamp.mjs ensure   run `npm run build` unless the stamp is newer than every input
//
// The inputs are every file of the repository except dependencies, build output, data and docs,
// so a new top-level folder with its own build step (hooked into `npm run build`) is covered
// without a change here. A failed build leaves no stamp, so the next start builds again.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');
const pending = join(dist, '.build-started');

/** Never read by a build: dependencies and build output at any depth, dot-files, logs, prose. */
const NOT_INPUT_NAMES = new Set(['node_modules', 'dist', 'coverage']);
const NOT_INPUT_PATHS = new Set([join(root, 'docs'), join(root, 'bench', 'results')]);

/** The newest modification time (ms) of any build input under `directory`. */
function newestInput(directory = root) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.name.startsWith('.') || NOT_INPUT_NAMES.has(entry.name) || NOT_INPUT_PATHS.has(path) || /\.(md|log)$/.test(entry.name)) {
      continue;
    }
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestInput(path));
    } else if (entry.isFile()) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** When the current build started, or undefined when there is no complete build. */
function builtAt() {
  try {
    return Number(readFileSync(stamp, 'utf8'));
  } catch {
    return undefined;
  }
}

function isBuildCurrent() {
  const time = builtAt();
  return time !== undefined && newestInput() < time;
}

const command = process.argv[2];
if (command === 'begin') {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(pending, String(Date.now()));
} else if (command === 'end') {
  renameSync(pending, stamp);
} else if (command === 'ensure') {
  if (!isBuildCurrent()) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const build = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
    process.exitCode = build.status ?? 1;
  }
} else if (command !== undefined) {
  process.stderr.write(`unknown command ${command}: use begin, end or ensure\n`);
  process.exitCode = 2;
}
