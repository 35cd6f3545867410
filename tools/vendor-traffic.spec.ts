import { statusRank } from '../src/messages/message-status.rules';
import { vendorSha256 } from './vendor-media-server';
import { VendorTraffic } from './vendor-traffic';

const MIX = { status: 60, inbound: 25, template: 6, account: 3, phoneNumber: 3, redelivery: 0.05, outOfOrder: 0.3 };

describe(VendorTraffic.name, () => {
  it('plays the same stream for the same seed', () => {
    const first = new VendorTraffic(42, MIX, 'run');
    const second = new VendorTraffic(42, MIX, 'run');
    const take = (traffic: VendorTraffic) => Array.from({ length: 200 }, () => traffic.next());
    expect(take(first)).toEqual(take(second));
  });

  it('sends all five event types, re-deliveries included', () => {
    const traffic = new VendorTraffic(7, MIX, 'run');
    const envelopes = Array.from({ length: 2000 }, () => traffic.next());
    expect(new Set(envelopes.map((envelope) => envelope.type))).toEqual(
      new Set([
        'whatsapp_message_status_updated',
        'whatsapp_mo_message_received',
        'whatsapp_template_status_updated',
        'whatsapp_account_review_updated',
        'whatsapp_phone_number_name_update',
      ]),
    );
    expect(new Set(envelopes.map((envelope) => envelope.id)).size).toBeLessThan(envelopes.length);
  });

  it('expects for each message the highest-ranked status it sent', () => {
    const traffic = new VendorTraffic(3, { status: 1, inbound: 0, redelivery: 0, outOfOrder: 1 }, 'run');
    const sentStatuses = new Map<string, string[]>();
    for (let index = 0; index < 300 || traffic.hasQueuedStatuses; index++) {
      const { body } = traffic.next();
      sentStatuses.set(body.id as string, [...(sentStatuses.get(body.id as string) ?? []), body.status as string]);
    }
    for (const [id, statuses] of sentStatuses) {
      const best = statuses.reduce((a, b) => (statusRank(b) > statusRank(a) ? b : a));
      expect(traffic.expectedStatus.get(id)).toBe(best);
    }
  });

  it("gives each media message a file whose sha256 the webhook carries, behind the linker's link", () => {
    const traffic = new VendorTraffic(
      5,
      { status: 0, inbound: 1, redelivery: 0 },
      'run',
      Date.UTC(2026, 0, 1),
      (media) => `http://vendor.test/${media.mediaId}`,
    );
    const media = Array.from({ length: 400 }, () => traffic.next().body).filter((body) =>
      ['image', 'sticker', 'video', 'audio', 'document'].includes(body.type as string),
    );
    expect(media.length).toBeGreaterThan(20);
    for (const body of media) {
      const content = body[body.type as string] as { link: string; sha256: string };
      const file = traffic.expectedMedia.get(body.id as string);
      expect(content.link).toBe(`http://vendor.test/${file?.mediaId}`);
      expect(content.sha256).toBe(vendorSha256(file?.bytes as Buffer));
    }
    expect(new Set([...traffic.expectedMedia.values()].map((file) => file.expected))).toEqual(new Set(['stored', 'failed']));
  });
});
