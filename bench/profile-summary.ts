/**
 * `node dist/bench/profile-summary.js <file.cpuprofile> [count] [from]`: the functions a V8 CPU
 * profile (node --cpu-prof) spent most self time in, as shares of the busy time, by function and
 * file (path inside node_modules for dependencies), so a before/after can be compared. With
 * `from` (text in a function name or file, e.g. json-body.parser), samples before the first stack
 * that holds such a frame are left out: start-up is not the request path.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/@nestjs/core/router/x.js` -> `@nestjs/core/router/x.js`; own files relative to dist. */
function shortFile(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    return path.slice(modules + 'node_modules/'.length);
  }
  const dist = path.lastIndexOf('/dist/');
  return dist >= 0 ? path.slice(dist + 1) : path || '(native)';
}

/** Index of the first sample whose stack has a frame naming `text`; 0 without one. */
function firstSampleWith(profile: CpuProfile, text: string | undefined): number {
  if (!text) {
    return 0;
  }
  const parent = new Map<number, number>();
  profile.nodes.forEach((node) => node.children?.forEach((child) => parent.set(child, node.id)));
  const matching = new Set(
    profile.nodes.filter(({ callFrame }) => callFrame.functionName.includes(text) || callFrame.url.includes(text)).map((node) => node.id),
  );
  const found = profile.samples.findIndex((id) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (matching.has(at)) {
        return true;
      }
    }
    return false;
  });
  return Math.max(found, 0);
}

export function summarise(profile: CpuProfile, count: number, from?: string): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<string, number>();
  let total = 0;
  const start = firstSampleWith(profile, from);
  profile.samples.forEach((id, index) => {
    if (index < start) {
      return;
    }
    const node = byId.get(id) as ProfileNode;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'}  ${shortFile(url)}${url ? `:${lineNumber + 1}` : ''}`;
    const delta = Math.max(0, profile.timeDeltas[index] ?? 0);
    selfMicros.set(key, (selfMicros.get(key) ?? 0) + delta);
    total += delta;
  });
  const idle = selfMicros.get('(idle)  (native)') ?? 0;
  const busy = total - idle;
  const rows = [...selfMicros]
    .filter(([key]) => !key.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
  const lines = rows.map(([key, micros], rank) => `${String(rank + 1).padStart(2)}. ${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${key}`);
  return [`busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled; share of busy time:`, ...lines].join('\n');
}

if (require.main === module) {
  const [file, count = '20', from] = process.argv.slice(2);
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(count), from));
}
