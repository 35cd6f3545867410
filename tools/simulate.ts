/**
 * `npm run simulate -- [--url URL] [--rate N] [--duration S] [--messages N] [--seed N] [--media-port N]`:
 * plays the messaging vendor (its webhooks, and its media endpoint on 127.0.0.1:media-port)
 * against a running service, then checks its state.
 */
import { parseArgs } from 'node:util';
import { parsePasswordMap } from '../src/config/json-variable.util';
import { checkService, readCredentials, runPrefix, simulate, SimulatorError, SIMULATOR_API_PASSWORDS, type SimulationSummary } from './simulator';

const USAGE = `Usage: npm run simulate -- [options]

Plays the messaging vendor against a running service: a seeded stream of all five event types
(with re-deliveries and out-of-order statuses) at a steady rate, then checks that the service's
state agrees with what was sent. Exits 0 when it does, 1 when it does not, 2 on an error.

Options:
  --url URL        the service (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
  --rate N         events a second (default 50)
  --duration S     seconds to send for (default 10)
  --messages N     send until N messages have all their statuses (instead of --duration)
  --seed N         the same seed sends the same events (default 1)
  --media-port N   where the simulated vendor serves media files, on 127.0.0.1 (default 3001)
  -h, --help       this text

Media downloads are signed with VENDOR_API_PASSWORDS when set, else with the simulator's own.
Credentials: WEBHOOK_USERNAME, WEBHOOK_AUTHORIZATION (or WEBHOOK_CREDENTIALS) and API_TOKEN
from the environment, else the ones the service generated in $DATA_DIR/secrets.json (./.data).
Every id the run sends starts with its run prefix, printed first (sim<seed>-<time>).
`;

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
      url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT || 3000}` },
      rate: { type: 'string', default: '50' },
      duration: { type: 'string', default: '10' },
      messages: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'media-port': { type: 'string', default: '3001' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
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
  const url = (values.url as string).replace(/\/+$/, '');
  const credentials = readCredentials(process.env);
  await checkService(url, credentials);
  const prefix = runPrefix(rest.seed);
  process.stdout.write(`run prefix ${prefix}: this run's messages are ${prefix}-m<n>, inbound messages ${prefix}-in<n>, templates ${prefix}-tpl<n>\n`);
  // The simulated vendor knows the passwords the service was given, or the simulator's own.
  const passwords = Object.fromEntries(parsePasswordMap(process.env.VENDOR_API_PASSWORDS) ?? Object.entries(SIMULATOR_API_PASSWORDS));
  const summary = await simulate({ url, ...rest, runPrefix: prefix, credentials, onProgress: progressBar, media: { port: mediaPort, passwords } });
  printSummary(summary);
  process.exitCode = summary.check.passed ? 0 : 1;
}

main().catch((error: unknown) => {
  const usageHint = error instanceof SimulatorError ? '' : ' (npm run simulate -- --help)';
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}${usageHint}\n`);
  process.exitCode = 2;
});
