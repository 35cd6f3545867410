import { forwardPayload, webhookIdFor } from './forward-payload.rules';

describe(webhookIdFor.name, () => {
  it('is the event id when it fits in a header, and a stable hash otherwise', () => {
    expect(webhookIdFor('e5cb1bc6-ad90-419d-8f83-aa394c0b7cc7')).toBe('e5cb1bc6-ad90-419d-8f83-aa394c0b7cc7');
    const odd = 'id with spaces\nand a newline';
    expect(webhookIdFor(odd)).toMatch(/^evt_[A-Za-z0-9_-]{43}$/);
    expect(webhookIdFor(odd)).toBe(webhookIdFor(odd));
    expect(webhookIdFor(odd)).not.toBe(webhookIdFor(`${odd} `));
  });
});

describe(forwardPayload.name, () => {
  it('carries the envelope as received, its event time, when it was received and its outcome', () => {
    const envelope = { id: 'e1', type: 'whatsapp_mo_message_received', eventTime: '2023-02-22 12:00:00', body: { extra: [1] }, vendorField: true };
    expect(
      JSON.parse(
        forwardPayload({
          envelopeJson: JSON.stringify(envelope),
          type: envelope.type,
          eventTime: new Date('2023-02-22T12:00:00Z'),
          receivedAt: new Date('2023-02-22T12:00:01.5Z'),
          state: 'processed',
        }),
      ),
    ).toEqual({
      type: 'whatsapp_mo_message_received',
      eventTime: '2023-02-22T12:00:00.000Z',
      receivedAt: '2023-02-22T12:00:01.500Z',
      outcome: 'processed',
      envelope,
    });
  });
});
