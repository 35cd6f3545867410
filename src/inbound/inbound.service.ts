import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { readPage, whereEqual, whereInRange } from '../common/pagination/page';
import { CustomerEntity } from './customer.entity';
import { InboundMessageEntity } from './inbound-message.entity';
import type { CustomersQueryDto, InboundMessagesQueryDto } from './inbound-query.dto';
import { customerView, inboundMessageView } from './inbound.view';

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
    const message = await this.messages.findOneBy({ id });
    if (!message) {
      throw new NotFoundException(`No inbound message with id ${id}`);
    }
    return inboundMessageView(message);
  }

  listMessages(query: InboundMessagesQueryDto) {
    const builder = whereEqual(whereInRange(this.messages.createQueryBuilder('message'), 'message.sendTime', query), 'message', query, EXACT_FILTERS);
    if (query.q !== undefined) {
      // The functions of the full-text index (migration InboundSearchWords): words split at punctuation, and the index serves it.
      builder.andWhere(`inbound_search_vector(message.text) @@ inbound_search_query(:q)`, { q: query.q });
    }
    return readPage(builder, 'message', query, inboundMessageView);
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
