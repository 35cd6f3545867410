/**
 * The destination of `BENCH_FORWARD=1`: answers every forwarded event 200, in a process of its
 * own so that it does not slow the load generator. `GET /count` answers how many it received.
 */
import { createServer } from 'node:http';

let received = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.method === 'GET') {
      response.end(String(received));
      return;
    }
    received++;
    response.end('ok');
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
