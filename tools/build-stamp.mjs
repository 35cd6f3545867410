// `npm start` builds only when the build is missing or older than a source file.
//
//   node tools/build-stamp.mjs begin    (prebuild)  empty dist/ and note when the build started
//   node tools/build-stamp.mjs end      (postbuild) the build succeeded: stamp it with that time
//   node tools/build-stamp.mjs ensure   run `npm run build` unless the stamp is newer than every input
//
// `ensure` holds .build.lock while it builds: a second command started meanwhile (`npm start` in
// one terminal, `npm run simulate` in another) waits for that build instead of starting its own.
//
// The inputs are every file of the repository except what .gitignore names (dependencies, build
// output, data), dot-files and docs, so a new top-level folder with its own build step (hooked into `npm run build`) is covered
// without a change here. A failed build leaves no stamp, so the next start builds again.
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');
const pending = join(dist, '.build-started');
const lock = join(root, '.build.lock');

/**
 * Never read by a build: whatever .gitignore names (dependencies, build output, data, test output),
 * dot-files, logs and prose. Of .gitignore, the plain forms are understood: `name/` (a folder of
 * that name anywhere), `path/to/folder/` (from the root) and `*.ext`.
 */
function notInputs() {
  const names = new Set(['node_modules', 'dist']);
  const paths = new Set([join(root, 'docs')]);
  const extensions = new Set(['.md', '.log']);
  let ignored = '';
  try {
    ignored = readFileSync(join(root, '.gitignore'), 'utf8');
  } catch {
    // no .gitignore: the defaults above
  }
  for (const line of ignored.split('\n').map((entry) => entry.trim())) {
    if (/^\*\.[\w.]+$/.test(line)) {
      extensions.add(line.slice(1));
    } else if (/^[^*!#?[\]]+\/$/.test(line)) {
      const folder = line.replace(/^\/|\/$/g, '');
      if (folder.includes('/')) {
        paths.add(join(root, folder));
      } else {
        names.add(folder);
      }
    }
  }
  return { names, paths, extensions };
}

/** The newest modification time (ms) of any build input under `directory`. */
function newestInput(directory = root, skip = notInputs()) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    const extension = entry.name.includes('.') ? entry.name.slice(entry.name.lastIndexOf('.')) : '';
    if (entry.name.startsWith('.') || skip.names.has(entry.name) || skip.paths.has(path) || (entry.isFile() && skip.extensions.has(extension))) {
      continue;
    }
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestInput(path, skip));
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

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Takes the build lock; false while another living process holds it. The lock appears with its
 * holder's pid already in it (a hard link of a file written first), so no other command can
 * ever read it empty and take it for abandoned.
 */
function tryLock() {
  const mine = `${lock}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  try {
    linkSync(mine, lock);
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') {
      throw error;
    }
    const holder = Number(readFileSync(lock, 'utf8'));
    if (!(Number.isInteger(holder) && holder > 0 && isAlive(holder))) {
      rmSync(lock, { force: true });
    }
    return false;
  } finally {
    rmSync(mine, { force: true });
  }
}

/** Builds unless current; waits for a build another process is running, then looks again. */
function ensureBuilt() {
  while (!isBuildCurrent()) {
    if (!tryLock()) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      continue;
    }
    try {
      if (isBuildCurrent()) {
        return 0;
      }
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      return spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' }).status ?? 1;
    } finally {
      rmSync(lock, { force: true });
    }
  }
  return 0;
}

const command = process.argv[2];
if (command === 'begin') {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(pending, String(Date.now()));
} else if (command === 'end') {
  renameSync(pending, stamp);
} else if (command === 'ensure') {
  process.exitCode = ensureBuilt();
} else if (command !== undefined) {
  process.stderr.write(`unknown command ${command}: use begin, end or ensure\n`);
  process.exitCode = 2;
}
