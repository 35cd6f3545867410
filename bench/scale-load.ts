/** Loads the events of bench:scale straight into PostgreSQL: no HTTP, generate_series inside the server. */
import type { Client } from 'pg';
import { partitionOf } from '../src/maintenance/event-partitions.rules';

const DAY_MS = 86_400_000;
/** Events are spread over this many days up to now. */
export const SPAN_DAYS = 35;
const CHUNK = 250_000;
/** Words of the inbound texts; a search for any of them matches about three texts in ten. */
export const WORDS = ['hello', 'where', 'is', 'my', 'parcel', 'thanks', 'please', 'refund', 'invoice', 'broken'];
/** Distinct customers: about a hundred inbound messages each. */
export const customersFor = (events: number) => Math.max(10, Math.floor(events / 400));

/** The SQL that loads events g in [$1, $2]: event g is received at $3 + (g - 1) * $4 seconds. */
function loadStatements(customers: number): string[] {
  const at = `($3::timestamptz + (g - 1) * $4::float8 * interval '1 second')`;
  const eventId = (g: string) => `md5('e' || ${g})::uuid::text`;
  return [
    // Every fourth event is an inbound message (j = g / 4); the others are a message's sent, delivered, read (k = g / 4).
    `INSERT INTO webhook_events (id, type, event_time, received_at, state, reasons, error, processed_at, content_hash, payload)
     SELECT ${eventId('g')}, type, t, t,
       CASE WHEN g % 997 = 0 THEN 'failed' WHEN g % 991 = 0 THEN 'invalid' ELSE 'processed' END,
       CASE WHEN g % 991 = 0 THEN '[{"field":"body.status","problems":["must be a string"]}]'::jsonb END,
       CASE WHEN g % 997 = 0 THEN 'Error: handler failed' END,
       CASE WHEN g % 997 <> 0 AND g % 991 <> 0 THEN t END,
       md5('h' || g) || md5('i' || g),
       jsonb_build_object('id', ${eventId('g')}, 'type', type, 'eventTime', t, 'body', body)
     FROM (
       SELECT g, t, CASE WHEN g % 4 = 0 THEN 'whatsapp_mo_message_received' ELSE 'whatsapp_message_status_updated' END AS type,
         CASE WHEN g % 4 = 0 THEN jsonb_build_object('id', 'in-' || g / 4, 'accountName', 'IW' || (g / 4) % ${customers} % 50,
             'wabaId', 'waba-' || (g / 4) % ${customers} % 50, 'wamid', 'wamid.in' || g / 4, 'from', '+1555' || lpad(((g / 4) % ${customers})::text, 7, '0'),
             'to', 'biz-' || (g / 4) % ${customers} % 50, 'type', 'text', 'text', jsonb_build_object('body', 'hello where is my parcel ' || g / 4))
           ELSE jsonb_build_object('id', 'msg-' || g / 4, 'accountName', 'IW' || (g / 4) % 50, 'wabaId', 'waba-' || (g / 4) % 50,
             'wamid', 'wamid.' || md5('w' || g / 4), 'status', (ARRAY['sent', 'delivered', 'read'])[g % 4],
             'conversation', jsonb_build_object('id', md5('c' || g / 4), 'initiateType', 'business_initiated', 'expireAt', t + interval '1 day'), 'currency', 'USD')
         END AS body
       FROM (SELECT g, ${at} AS t FROM generate_series($1::bigint, $2::bigint) g) timed
     ) events`,
    `INSERT INTO message_statuses (event_id, message_id, status, status_rank, event_time, wamid, conversation_id, received_at)
     SELECT ${eventId('g')}, 'msg-' || g / 4, (ARRAY['sent', 'delivered', 'read'])[g % 4], (ARRAY[1, 3, 4])[g % 4], ${at},
       'wamid.' || md5('w' || g / 4), md5('c' || g / 4), ${at}
     FROM generate_series($1::bigint, $2::bigint) g WHERE g % 4 <> 0`,
    // A message's row, once its read status (g = 4k + 3) is in this chunk; one in a hundred failed instead.
    `INSERT INTO messages (id, wamid, account_name, waba_id, status, status_rank, status_event_time, status_event_id, conversation_id,
       conversation_initiate_type, conversation_expire_at, currency, error_code, error_message, error_event_time,
       sent_at, delivered_at, read_at, failed_at, first_event_time, last_event_time, created_at, updated_at)
     SELECT 'msg-' || g / 4, 'wamid.' || md5('w' || g / 4), 'IW' || (g / 4) % 50, 'waba-' || (g / 4) % 50,
       CASE WHEN (g / 4) % 100 = 0 THEN 'failed' ELSE 'read' END, CASE WHEN (g / 4) % 100 = 0 THEN 2 ELSE 4 END,
       ${at}, ${eventId('g')}, md5('c' || g / 4), 'business_initiated', ${at} + interval '1 day', 'USD',
       CASE WHEN (g / 4) % 100 = 0 THEN '131026' END, CASE WHEN (g / 4) % 100 = 0 THEN 'Message undeliverable' END,
       CASE WHEN (g / 4) % 100 = 0 THEN ${at} END,
       ${at} - interval '2 seconds', CASE WHEN (g / 4) % 100 <> 0 THEN ${at} - interval '1 second' END,
       CASE WHEN (g / 4) % 100 <> 0 THEN ${at} END, CASE WHEN (g / 4) % 100 = 0 THEN ${at} END,
       ${at} - interval '2 seconds', ${at}, ${at}, ${at}
     FROM generate_series($1::bigint, $2::bigint) g WHERE g % 4 = 3`,
    // Texts of three words out of ten, a tenth documents named quote<j>.pdf, a tenth images with a caption.
    `INSERT INTO inbound_messages (id, event_id, wamid, account_name, waba_id, from_phone, to_phone, send_time, type, customer_name, text, content, received_at)
     SELECT 'in-' || j, ${eventId('g')}, 'wamid.in' || j, 'IW' || c % 50, 'waba-' || c % 50, '+1555' || lpad(c::text, 7, '0'), 'biz-' || c % 50,
       t, kind, 'Customer ' || c, words, jsonb_build_object('body', words), t
     FROM (
       SELECT g, g / 4 AS j, (g / 4) % ${customers} AS c, ${at} AS t,
         CASE (g / 4) % 10 WHEN 0 THEN 'document' WHEN 1 THEN 'image' ELSE 'text' END AS kind,
         CASE (g / 4) % 10
           WHEN 0 THEN 'quote' || g / 4 || '.pdf'
           WHEN 1 THEN 'photo of the ' || (ARRAY[${WORDS.map((word) => `'${word}'`).join(', ')}])[1 + (g / 40) % 10] || ' item_' || g / 4 || '.jpg'
           ELSE (ARRAY[${WORDS.map((word) => `'${word}'`).join(', ')}])[1 + (g / 4) % 10] || ' ' ||
             (ARRAY[${WORDS.map((word) => `'${word}'`).join(', ')}])[1 + (g / 40) % 10] || ' ' ||
             (ARRAY[${WORDS.map((word) => `'${word}'`).join(', ')}])[1 + (g / 400) % 10] || ' order ' || g / 4
         END AS words
       FROM generate_series($1::bigint, $2::bigint) g WHERE g % 4 = 0
     ) inbound`,
  ];
}

/**
 * Event g (1..N) is received at now - 35 days + (g - 1) * 35 days / N. Every fourth is an inbound
 * message, the others a message's sent, delivered and read statuses; the messages, their history,
 * the inbound messages, customers, dedupe ids (last 7 days) and a few conflicts follow from them.
 */
export async function loadEvents(client: Client, events: number, now: Date, domainClient: Client = client): Promise<void> {
  const start = new Date(now.getTime() - SPAN_DAYS * DAY_MS);
  const stepSeconds = (SPAN_DAYS * DAY_MS) / 1000 / events;
  for (let day = start; day.getTime() <= now.getTime(); day = new Date(day.getTime() + DAY_MS)) {
    const { name, from, to } = partitionOf(day);
    await client.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF webhook_events FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`);
  }
  const [eventStatement, ...domainStatements] = loadStatements(customersFor(events));
  // Two lanes on two connections: the events in arrival order on one, the domain rows on the other.
  const lane = async (connection: Client, statements: string[], report: boolean) => {
    for (let low = 1; low <= events; low += CHUNK) {
      const high = Math.min(events, low + CHUNK - 1);
      for (const statement of statements) {
        await connection.query(statement, [low, high, start.toISOString(), stepSeconds]);
      }
      if (report) {
        process.stdout.write(`\r  loaded ${high} of ${events} events`);
      }
    }
  };
  await Promise.all([lane(client, [eventStatement], true), lane(domainClient, domainStatements, false)]);
  process.stdout.write('\n');
  await client.query(`
    INSERT INTO customers (waba_id, phone, name, name_seen_at, first_seen_at, last_seen_at, message_count)
    SELECT waba_id, from_phone, max(customer_name), max(send_time), min(send_time), max(send_time), count(*)::int FROM inbound_messages GROUP BY 1, 2
    ON CONFLICT DO NOTHING`);
  await client.query(`
    INSERT INTO webhook_event_ids (id, received_at, content_hash)
    SELECT id, received_at, content_hash FROM webhook_events WHERE received_at >= now() - interval '7 days' ON CONFLICT DO NOTHING`);
  await client.query(`
    INSERT INTO webhook_event_conflicts (event_id, content_hash, payload)
    SELECT id, md5(id), payload FROM webhook_events WHERE received_at >= now() - interval '7 days' AND seq % 50000 = 0`);
  await client.query('VACUUM ANALYZE');
  await client.query('CHECKPOINT');
}
