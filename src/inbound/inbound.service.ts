import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { InboundMediaEntity } from '../media/inbound-media.entity';
import { readPage, whereEqual, whereInRange, type Page } from '../common/pagination/page';
import { CustomerEntity } from './customer.entity';
import { InboundMessageEntity } from './inbound-message.entity';
import type { CustomersQueryDto, InboundMessagesQueryDto } from './inbound-query.dto';
import { newestFirst } from './inbound-search.rules';
import { customerView, inboundMessageView, type InboundMessageWithMediaRow } from './inbound.view';
import type { CustomerDetailResponseDto } from './inbound-response.dto';

const EXACT_FILTERS = [
  ['from', 'fromPhone'],
  ['to', 'toPhone'],
  ['type', 'type'],
  ['wabaId', 'wabaId'],
  ['contextWamid', 'contextWamid'],
] as const;

/** A search with at most this many matches is sorted from the full-text index's answer (see search()). */
const SORTED_FROM_INDEX = 20_000;
/** Words the statistics expect in at least this share of the messages are found by walking the list. */
const COMMON_SHARE = 0.01;

@Injectable()
export class InboundService {
  constructor(
    @InjectRepository(InboundMessageEntity) private readonly messages: Repository<InboundMessageEntity>,
    @InjectRepository(CustomerEntity) private readonly customers: Repository<CustomerEntity>,
  ) {}

  async getMessage(id: string) {
    const message = await withMedia(this.messages).where('message.id = :id', { id }).getOne();
    if (!message) {
      throw new NotFoundException(`No inbound message with id ${id}`);
    }
    return inboundMessageView(message);
  }

  listMessages(query: InboundMessagesQueryDto): Promise<Page<ReturnType<typeof inboundMessageView>>> {
    if (query.q === undefined) {
      return readPage(this.filtered(this.messages, query), 'message', query, inboundMessageView);
    }
    return this.search(query);
  }

  private filtered(repository: Repository<InboundMessageEntity>, query: InboundMessagesQueryDto): SelectQueryBuilder<InboundMessageWithMediaRow> {
    const builder = whereEqual(whereInRange(withMedia(repository), 'message.sendTime', query), 'message', query, EXACT_FILTERS);
    if (query.mediaState !== undefined) {
      builder.andWhere('media.state = :mediaState', { mediaState: query.mediaState });
    }
    if (query.q !== undefined) {
      // The words stored with each message and the query, both split at punctuation (migrations InboundSearchWords, StoredInboundSearchWords).
      builder.andWhere(`message.searchWords @@ inbound_search_query(:q)`, { q: query.q });
    }
    return builder;
  }

  /**
   * Two ways to the newest matches, chosen by how common the words are. PostgreSQL's statistics
   * know the common words: a page of those is found soon by walking the list newest first. A word
   * they do not list (a name, an order number: what people search for) is estimated at a fixed
   * share, and walking for it can mean reading the whole table (2 s at a million events), so
   * the full-text index is asked alone, and the page is the newest of its matches (up to
   * SORTED_FROM_INDEX of them; more, and the walk is dense enough after all).
   */
  private async search(query: InboundMessagesQueryDto): Promise<Page<ReturnType<typeof inboundMessageView>>> {
    const common = (await this.estimatedShare(query)) >= COMMON_SHARE;
    const matches = common ? undefined : await this.matchesFromIndex(query);
    if (matches === undefined) {
      return readPage(this.filtered(this.messages, query), 'message', query, inboundMessageView);
    }
    const newest = newestFirst(matches, query.limit + 1);
    const rows =
      newest.length === 0 ? [] : await withMedia(this.messages).where('message.seq IN (:...newest)', { newest }).orderBy('message.seq', 'DESC').getMany();
    const items = rows.slice(0, query.limit);
    return { items: items.map(inboundMessageView), nextCursor: rows.length > query.limit ? items[items.length - 1].seq : null };
  }

  /** The planner's estimate of the share of inbound messages the search matches. */
  private async estimatedShare(query: InboundMessagesQueryDto): Promise<number> {
    const [sql, parameters] = this.filtered(this.messages, query).select('1').getQueryAndParameters();
    const [{ 'QUERY PLAN': plan }] = (await this.messages.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters)) as {
      'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }];
    }[];
    const [{ rows }] = (await this.messages.query(`SELECT greatest(reltuples, 1) AS rows FROM pg_class WHERE oid = 'inbound_messages'::regclass`)) as {
      rows: number;
    }[];
    return plan[0].Plan['Plan Rows'] / rows;
  }

  /** The seq of every match, from the full-text index alone; undefined when there are more than SORTED_FROM_INDEX. */
  private matchesFromIndex(query: InboundMessagesQueryDto): Promise<string[] | undefined> {
    return this.messages.manager.transaction(async (manager) => {
      // Only bitmap scans: the indexes answer the conditions, the table is read for the matches only.
      await manager.query('SET LOCAL enable_seqscan = off');
      await manager.query('SET LOCAL enable_indexscan = off');
      const matching = this.filtered(manager.getRepository(InboundMessageEntity), query);
      if (query.cursor) {
        matching.andWhere('message.seq < :cursor', { cursor: query.cursor });
      }
      const found = (await matching
        .select('message.seq', 'seq')
        .limit(SORTED_FROM_INDEX + 1)
        .getRawMany()) as { seq: string }[];
      return found.length > SORTED_FROM_INDEX ? undefined : found.map((row) => row.seq);
    });
  }

  listCustomers(query: CustomersQueryDto) {
    const builder = whereEqual(this.customers.createQueryBuilder('customer'), 'customer', query, [['wabaId', 'wabaId']]);
    return readPage(builder, 'customer', query, customerView);
  }

  /** One phone may have written to several business accounts: one profile each, and the totals. */
  async getCustomer(phone: string): Promise<CustomerDetailResponseDto> {
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

/** Messages with the state of their file, for media messages. */
function withMedia(repository: Repository<InboundMessageEntity>): SelectQueryBuilder<InboundMessageWithMediaRow> {
  return repository
    .createQueryBuilder('message')
    .leftJoinAndMapOne('message.media', InboundMediaEntity, 'media', 'media.messageId = message.id') as SelectQueryBuilder<InboundMessageWithMediaRow>;
}
