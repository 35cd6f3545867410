import { createHash } from 'node:crypto';
import { statusRank } from '../src/messages/message-status.rules';
import { vendorSha256, type MediaAnswer } from './vendor-media-server';

export interface Envelope {
  id: string;
  type: string;
  eventTime: string;
  body: Record<string, unknown>;
}

/** Share of each kind of event in a stream; they need not add up to 1. */
export interface TrafficMix {
  status: number;
  inbound: number;
  template?: number;
  account?: number;
  phoneNumber?: number;
  /** Share of deliveries that repeat an earlier event as it was (the vendor re-sending). */
  redelivery: number;
  /** Share of a message's statuses sent in shuffled order. */
  outOfOrder?: number;
}

/** The file behind a media message of the stream, and how the vendor's endpoint will answer for it. */
export interface SimulatedMedia {
  mediaId: string;
  bytes: Buffer;
  answers: MediaAnswer[];
  /** What a correct receiver ends with: the file stored, or failed (the vendor served wrong bytes). */
  expected: 'stored' | 'failed';
}

/** The link a media message carries; the default points nowhere real. */
export type MediaLinker = (media: SimulatedMedia) => string;

/** A small seeded generator (mulberry32): the same seed gives the same stream. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  shuffle<T>(items: T[]): T[] {
    for (let index = items.length - 1; index > 0; index--) {
      const other = this.int(index + 1);
      [items[index], items[other]] = [items[other], items[index]];
    }
    return items;
  }
}

const WABAS = ['200000000000001', '200000000000002'];
const ACCOUNTS = ['IW100001', 'IW100002'];
const BUSINESS_PHONES = ['15550002222', '15550003333'];
const WORDS = ['order', 'parcel', 'refund', 'hello', 'thanks', 'invoice', 'delivery', 'broken', 'tomorrow', 'price'];
const TEMPLATE_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'PAUSED', 'DISABLED'];
const DECISIONS = ['APPROVED', 'REJECTED', 'PENDING', 'DEFERRED'];

/**
 * Plays the vendor: a reproducible stream of webhook envelopes of every type, with
 * re-deliveries and out-of-order statuses, remembering what a correct receiver must end with.
 */
export class VendorTraffic {
  private readonly random: Random;
  private eventCount = 0;
  private messageCount = 0;
  private readonly queuedStatuses: Envelope[] = [];
  private readonly recent: Envelope[] = [];
  private readonly startTime: number;
  /** For each message, the highest-ranked status this stream sent for it. */
  readonly expectedStatus = new Map<string, string>();
  /** Every distinct event id sent, by type. */
  readonly sentIds = new Map<string, Set<string>>();
  /** For each media message, its file. */
  readonly expectedMedia = new Map<string, SimulatedMedia>();

  /** `startTime`: the event time of the stream's start; the same seed and start give the same stream. */
  constructor(
    seed: number,
    private readonly mix: TrafficMix,
    private readonly runId = `r${seed.toString(36)}`,
    startTime = Date.UTC(2026, 0, 1),
    private readonly mediaLink: MediaLinker = (media) => `https://media.vendor.example/${media.mediaId}`,
  ) {
    this.random = new Random(seed);
    this.startTime = startTime;
  }

  /** Whether statuses of messages already begun are still to be sent. */
  get hasQueuedStatuses(): boolean {
    return this.queuedStatuses.length > 0;
  }

  next(): Envelope {
    if (this.recent.length > 0 && this.random.next() < this.mix.redelivery) {
      return this.random.pick(this.recent);
    }
    const kinds: [keyof TrafficMix, () => Envelope][] = [
      ['status', () => this.statusEvent()],
      ['inbound', () => this.inboundEvent()],
      ['template', () => this.templateEvent()],
      ['account', () => this.accountEvent()],
      ['phoneNumber', () => this.phoneNumberEvent()],
    ];
    const total = kinds.reduce((sum, [kind]) => sum + ((this.mix[kind] as number | undefined) ?? 0), 0);
    let roll = this.random.next() * total;
    for (const [kind, make] of kinds) {
      roll -= (this.mix[kind] as number | undefined) ?? 0;
      if (roll < 0) {
        return this.remember(make());
      }
    }
    return this.remember(this.statusEvent());
  }

  private remember(envelope: Envelope): Envelope {
    this.recent.push(envelope);
    if (this.recent.length > 500) {
      this.recent.shift();
    }
    const ids = this.sentIds.get(envelope.type) ?? new Set<string>();
    ids.add(envelope.id);
    this.sentIds.set(envelope.type, ids);
    return envelope;
  }

  private envelope(type: string, body: Record<string, unknown>): Envelope {
    this.eventCount++;
    const time = new Date(this.startTime + this.eventCount * 7);
    // The vendor writes event times both ways (with and without a zone).
    const eventTime = this.eventCount % 5 === 0 ? time.toISOString().replace('T', ' ').slice(0, 19) : time.toISOString();
    return { id: `${this.runId}-e${this.eventCount}-${this.random.int(1e9).toString(36)}`, type, eventTime, body };
  }

  private statusEvent(): Envelope {
    if (this.queuedStatuses.length === 0) {
      this.queueMessageStatuses();
    }
    return this.queuedStatuses.shift() as Envelope;
  }

  private queueMessageStatuses(): void {
    this.messageCount++;
    const id = `${this.runId}-m${this.messageCount}`;
    const base = { id, accountName: this.random.pick(ACCOUNTS), wabaId: this.random.pick(WABAS), wamid: `wamid.${id}` };
    const roll = this.random.next();
    const statuses = roll < 0.08 ? ['sent', 'failed'] : roll < 0.3 ? ['sent', 'delivered'] : ['sent', 'delivered', 'read'];
    const events = statuses.map((status) =>
      this.envelope('whatsapp_message_status_updated', {
        ...base,
        status,
        ...(status === 'delivered'
          ? {
              conversation: { id: `conv-${id}`, initiateType: 'business_initiated', expireAt: new Date(this.startTime + 86_400_000).toISOString() },
              currency: 'USD',
            }
          : {}),
        ...(status === 'failed' ? { errorData: { errorCode: '131026', errorMessage: 'Message undeliverable' } } : {}),
      }),
    );
    if (this.random.next() < (this.mix.outOfOrder ?? 0)) {
      this.random.shuffle(events);
    }
    this.expectedStatus.set(
      id,
      statuses.reduce((best, status) => (statusRank(status) > statusRank(best) ? status : best)),
    );
    this.queuedStatuses.push(...events);
  }

  private inboundEvent(): Envelope {
    this.messageCount++;
    const customer = `1555${String(1000000 + this.random.int(50)).slice(1)}`;
    const word = this.random.pick(WORDS);
    const messageId = `${this.runId}-in${this.messageCount}`;
    const file = () => this.mediaFile(messageId);
    const contents: Record<string, () => Record<string, unknown>> = {
      text: () => ({ text: { body: `About my ${word}, please` } }),
      reaction: () => ({ reaction: { messageId: `wamid.${this.runId}-m1`, emoji: '👍' } }),
      image: () => ({ image: { caption: `photo of the ${word}`, mimeType: 'image/jpeg', ...file() } }),
      sticker: () => ({ sticker: { mimeType: 'image/webp', ...file() } }),
      video: () => ({ video: { caption: word, mimeType: 'video/mp4', ...file() } }),
      audio: () => ({ audio: { mimeType: 'audio/ogg; codecs=opus', ...file() } }),
      document: () => ({ document: { caption: word, filename: `${word}.pdf`, mimeType: 'application/pdf', ...file() } }),
      location: () => ({
        location: { latitude: 39.9 + this.random.next(), longitude: 116.3 + this.random.next(), name: 'Office', address: `${word} street 1` },
      }),
      contacts: () => ({
        contact: [{ name: { formattedName: `Friend ${word}`, firstName: 'Friend' }, phones: [{ phone: '+1 555 0100', type: 'WORK', wa_id: '15550100' }] }],
      }),
      button: () => ({ button: { text: 'Stop promotions', payload: 'STOP' }, context: { from: BUSINESS_PHONES[0], id: `wamid.${this.runId}-m1` } }),
      interactive: () => ({
        interactive: { type: 'buttonReply', buttonReply: { id: 'yes', title: 'Yes' } },
        context: { from: BUSINESS_PHONES[0], id: `wamid.${this.runId}-m1` },
      }),
      unknown: () => ({ errors: [{ code: 131051, title: 'Unsupported message type', details: 'Message type is not currently supported' }] }),
    };
    const type = this.random.next() < 0.6 ? 'text' : this.random.pick(Object.keys(contents));
    return this.envelope('whatsapp_mo_message_received', {
      id: messageId,
      accountName: this.random.pick(ACCOUNTS),
      wabaId: this.random.pick(WABAS),
      wamid: `wamid.${this.runId}-in${this.messageCount}`,
      from: customer,
      to: this.random.pick(BUSINESS_PHONES),
      customerProfile: { name: `Customer ${customer.slice(-2)}` },
      sendTime: new Date(this.startTime + this.eventCount * 7).toISOString(),
      type,
      ...contents[type](),
    });
  }

  /**
   * A media message's file, drawn from its id rather than the stream's generator (the stream stays
   * the same with or without media): 1 to 30 KB, and mostly served at once, sometimes only after a
   * 503 or slowly, sometimes with wrong bytes.
   */
  private mediaFile(messageId: string): { sha256: string; link: string } {
    const random = new Random(createHash('sha256').update(messageId).digest().readUInt32BE(0));
    const bytes = Buffer.alloc(1_000 + random.int(29_000));
    for (let index = 0; index < bytes.length; index++) {
      bytes[index] = random.int(256);
    }
    const roll = random.next();
    const answers: MediaAnswer[] = roll < 0.1 ? ['error'] : roll < 0.2 ? ['slow'] : roll < 0.27 ? ['wrong-bytes'] : [];
    const media: SimulatedMedia = { mediaId: `media-${messageId}`, bytes, answers, expected: answers[0] === 'wrong-bytes' ? 'failed' : 'stored' };
    this.expectedMedia.set(messageId, media);
    return { sha256: vendorSha256(bytes), link: this.mediaLink(media) };
  }

  private templateEvent(): Envelope {
    const number = 1 + this.random.int(20);
    return this.envelope('whatsapp_template_status_updated', {
      accountName: ACCOUNTS[0],
      wabaId: WABAS[number % 2],
      templateId: `${this.runId}-tpl${number}`,
      templateName: `order_update_${number}`,
      templateLanguage: number % 3 === 0 ? 'pt_BR' : 'en_US',
      category: this.random.pick(['MARKETING', 'UTILITY', 'AUTHENTICATION']),
      templateStatus: this.random.pick(TEMPLATE_STATUSES),
      reason: 'NONE',
    });
  }

  private accountEvent(): Envelope {
    return this.envelope('whatsapp_account_review_updated', {
      accountName: this.random.pick(ACCOUNTS),
      wabaId: this.random.pick(WABAS),
      decision: this.random.pick(DECISIONS),
    });
  }

  private phoneNumberEvent(): Envelope {
    const phone = this.random.pick(BUSINESS_PHONES);
    return this.envelope('whatsapp_phone_number_name_update', {
      account_name: this.random.pick(ACCOUNTS),
      waba_id: this.random.pick(WABAS),
      phone_number_id: `pn-${phone}`,
      display_phone_number: phone,
      decision: this.random.pick(['APPROVED', 'REJECTED', 'DEFERRED']),
      requested_verified_name: 'Acme Shop',
    });
  }
}
