import pino from 'pino';
import { Writable } from 'node:stream';
import { logOptions, logStream } from './log-output';

function capture(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe(logStream.name, () => {
  it('writes JSON lines with ISO times by default', () => {
    const output = capture();
    pino(logOptions('info'), logStream('auto', output.stream)).child({ context: 'Bootstrap' }).info('hello');
    const line = JSON.parse(output.text()) as { time: string; context: string; msg: string; level: number };
    expect(line).toMatchObject({ context: 'Bootstrap', msg: 'hello', level: 30 });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('writes readable lines with LOG_FORMAT=pretty: level, context, and a request as method, URL, status and time', () => {
    const output = capture();
    const logger = pino(logOptions('info'), logStream('pretty', output.stream));
    logger.child({ context: 'Bootstrap' }).info('hello');
    logger.info({ req: { id: 'r-1', method: 'GET', url: '/messages' }, res: { statusCode: 200 }, responseTime: 3 }, 'request completed');
    const [first, second] = output.text().trim().split('\n');
    expect(first).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[Bootstrap\] hello$/);
    expect(second).toMatch(/INFO: request completed GET \/messages 200 3 ms$/);
  });

  it('drops lines below the level', () => {
    const output = capture();
    const logger = pino(logOptions('warn'), logStream('json', output.stream));
    logger.info('not shown');
    logger.warn('shown');
    expect(output.text()).not.toContain('not shown');
    expect(output.text()).toContain('shown');
  });
});
