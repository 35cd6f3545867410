/**
 * `npm run simulate -- [--url URL] [--rate N] [--duration S] [--messages N] [--seed N] [--media-port N]`:
 * plays the messaging vendor (its webhooks, and its media endpoint on 127.0.0.1:media-port)
 * against a running service, then checks its state.
 */
import { parseArgs } from 'node:util';
import { parsePasswordMap } from '../src/config/password-map.util';
import { readCredentials, simulate, SIMULATOR_API_PASSWORDS, type SimulationSummary } from './simulator';

let lastDecile = -1;

function progressBar(done: number, sent: number): void {
  const width = 30;
  const filled = Math.round(done * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(done * 100).toFixed(0).padStart(3)}%  ${sent} events sent`;
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${line}`);
  } else if (Math.floor(done * 10) > lastDecile) {
    lastDecile = Math.floor(done * 10);
    process.stderr.write(`${line}\n`);
  }
}

function printSummary(summary: SimulationSummary): void {
  const rows: [string, string][] = [
    ['events sent', String(summary.sent)],
    ...Object.entries(summary.byStatusCode).map(([code, count]): [string, string] => [`HTTP ${code}`, String(count)]),
    ...Object.entries(summary.byOutcome)
      .sort()
      .map(([outcome, count]): [string, string] => [`  ${outcome}`, String(count)]),
    ['latency p50', `${summary.latencyMs.p50.toFixed(1)} ms`],
    ['latency p99', `${summary.latencyMs.p99.toFixed(1)} ms`],
    ['latency max', `${summary.latencyMs.max.toFixed(1)} ms`],
    ['messages checked', `${summary.check.messagesChecked} (${summary.check.messagesWrong.length} wrong)`],
    ['events checked', `${summary.check.eventsChecked} (${summary.check.eventsMissing.length} missing)`],
    summary.check.mediaSkipped === null
      ? ['media checked', `${summary.check.mediaChecked} (${summary.check.mediaWrong.length} wrong)`]
      : ['media checked', `none: ${summary.check.mediaSkipped}`],
    ['agreement check', summary.check.passed ? 'PASSED' : 'FAILED'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`\n${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`);
  for (const wrong of summary.check.messagesWrong.slice(0, 10)) {
    process.stdout.write(`  message ${wrong.id}: expected ${wrong.expected}, service says ${wrong.actual ?? 'not found'}\n`);
  }
  for (const wrong of summary.check.mediaWrong.slice(0, 10)) {
    process.stdout.write(`  media of ${wrong.id}: expected ${wrong.expected}, service says ${wrong.actual}\n`);
  }
  for (const id of summary.check.eventsMissing.slice(0, 10)) {
    process.stdout.write(`  acknowledged event ${id} is not stored\n`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
      rate: { type: 'string', default: '50' },
      duration: { type: 'string', default: '10' },
      messages: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'media-port': { type: 'string', default: '3001' },
    },
  });
  const numbers = {
    rate: Number(values.rate),
    duration: Number(values.duration),
    seed: Number(values.seed),
    messages: values.messages === undefined ? undefined : Number(values.messages),
    mediaPort: Number(values['media-port']),
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new Error(`--${name} must be a positive number`);
    }
  }
  const { mediaPort, ...rest } = numbers;
  // The simulated vendor knows the passwords the service was given, or the simulator's own.
  const passwords = Object.fromEntries(parsePasswordMap(process.env.VENDOR_API_PASSWORDS) ?? Object.entries(SIMULATOR_API_PASSWORDS));
  const summary = await simulate({
    url: values.url as string,
    ...rest,
    credentials: readCredentials(process.env),
    onProgress: progressBar,
    media: { port: mediaPort, passwords },
  });
  printSummary(summary);
  process.exitCode = summary.check.passed ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
