/**
 * `npm run simulate -- [--url URL] [--rate N] [--duration S] [--messages N] [--seed N]`:
 * plays the messaging vendor against a running service, then checks its state.
 */
import { parseArgs } from 'node:util';
import { checkService, readCredentials, runPrefix, simulate, SimulatorError, type SimulationSummary } from './simulator';

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
  -h, --help       this text

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
    ['agreement check', summary.check.passed ? 'PASSED' : 'FAILED'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`\n${rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')}\n`);
  for (const wrong of summary.check.messagesWrong.slice(0, 10)) {
    process.stdout.write(`  message ${wrong.id}: expected ${wrong.expected}, service says ${wrong.actual ?? 'not found'}\n`);
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
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new Error(`--${name} must be a positive number`);
    }
  }
  const url = (values.url as string).replace(/\/+$/, '');
  const credentials = readCredentials(process.env);
  await checkService(url, credentials);
  const prefix = runPrefix(numbers.seed);
  process.stdout.write(`run prefix ${prefix}: this run's messages are ${prefix}-m<n>, inbound messages ${prefix}-in<n>, templates ${prefix}-tpl<n>\n`);
  const summary = await simulate({ url, ...numbers, runPrefix: prefix, credentials, onProgress: progressBar });
  printSummary(summary);
  process.exitCode = summary.check.passed ? 0 : 1;
}

main().catch((error: unknown) => {
  const usageHint = error instanceof SimulatorError ? '' : ' (npm run simulate -- --help)';
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}${usageHint}\n`);
  process.exitCode = 2;
});
