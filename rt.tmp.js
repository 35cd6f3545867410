const { Client } = require('pg');
const url = require('fs').readFileSync('/tmp/devdb.url', 'utf8').trim();
(async () => {
  const c = new Client({ connectionString: url }); await c.connect();
  const n = +process.argv[2];
  const id = Array.from({ length: n }, (_, i) => 'ea' + Date.now() + Math.random() + i);
  const payload = id.map((x) => JSON.stringify({ id: x, type: 't', eventTime: '2023-02-22 12:00:00', body: { id: 'm' + x, status: 'sent', accountName: 'IW1', wabaId: '1', wamid: 'wamid.x', conversation: { id: 'c' } } }));
  const q = `EXPLAIN (ANALYZE, BUFFERS, TIMING) INSERT INTO webhook_events (id, type, event_time, state, reasons, processed_at, content_hash, payload)
    SELECT id, 'x', now(), 'processed', null, now(), 'h', p::jsonb FROM unnest($1::text[], $2::text[]) AS e(id, p) ON CONFLICT (id) DO NOTHING RETURNING id`;
  await c.query('BEGIN'); const r = await c.query(q, [id, payload]); await c.query('ROLLBACK');
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  await c.end();
})();
