import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { InboundMediaEntity } from '../media/inbound-media.entity';
import { readPage, whereEqual, whereInRange } from '../common/pagination/page';
import { CustomerEntity } from './customer.entity';
import { InboundMessageEntity } from './inbound-message.entity';
import type { CustomersQueryDto, InboundMessagesQueryDto } from './inbound-query.dto';
import { customerView, inboundMessageView, type InboundMessageWithMediaRow } from './inbound.view';

const EXACT_FILTERS = [
  ['from', 'fromPhone'],
  ['to', 'toPhone'],
  ['type', 'type'],
  ['wabaId', 'wabaId'],
  ['contextWamid', 'contextWamid'],
] as const;

@Injectable()
export class InboundService {
  constructor(
    @InjectRepository(InboundMessageEntity) private readonly messages: Repository<InboundMessageEntity>,
    @InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>,
  ) {}

  async getMessage(id: string) {
    const message = await this.withMedia().where('message.id = :id', { id }).getOne();
    if (!message) {
      throw new NotFoundException(`No inbound message with id ${id}`);
    }
    return inboundMessageView(message);
  }

  listMessages(query: InboundMessagesQueryDto) {
    const builder = whereEqual(whereInRange(this.withMedia(), 'message.sendTime', query), 'message', query, EXACT_FILTERS);
    if (query.mediaState !== undefined) {
      builder.andWhere('media.state = :mediaState', { mediaState: query.mediaState });
    }
    if (query.q !== undefined) {
      // Same expression as the full-text index, so the index serves it.
      builder.andWhere(`to_tsvector('simple', coalesce(message.text, '')) @@ plainto_tsquery('simple', :q)`, { q: query.q });
    }
    return readPage(builder, 'message', query, inboundMessageView);
  }

  /** Messages with the state of their file, for media messages. */
  private withMedia(): SelectQueryBuilder<InboundMessageWithMediaRow> {
    return this.messages
      .createQueryBuilder('message')
      .leftJoinAndMapOne('message.media', InboundMediaEntity, 'media', 'media.messageId = message.id') as SelectQueryBuilder<InboundMessageWithMediaRow>;
  }

  listCustomers(query: CustomersQueryDto) {
    const builder = whereEqual(this.customers.createQueryBuilder('customer'), 'customer', query, [['wabaId', 'wabaId']]);
    return readPage(builder, 'customer', query, customerView);
  }

  /** One phone may have written to several business accounts: one profile each, and the totals. */
  async getCustomer(phone: string) {
    const profiles = await this.customers.find({ where: { phone }, order: { lastSeenAt: 'DESC' } });
    if (profiles.length === 0) {
      throw new NotFoundException(`No customer with phone ${phone}`);
    }
    const byType = (await this.messages
      .createQueryBuilder('message')
      .select('message.type', 'type')
      .addSelect('count(*)::int', 'count')
      .where('message.fromPhone = :phone', { phone })
      .groupBy('message.type')
      .orderBy('message.type')
      .getRawMany()) as { type: string; count: number }[];
    return {
      phone,
      name: profiles[0].name,
      messageCount: profiles.reduce((total, profile) => total + profile.messageCount, 0),
      messagesByType: Object.fromEntries(byType.map(({ type, count }) => [type, count])),
      firstSeenAt: new Date(Math.min(...profiles.map((profile) => profile.firstSeenAt.getTime()))),
      lastSeenAt: profiles[0].lastSeenAt,
      accounts: profiles.map(customerView),
    };
  }
}
