import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { readHistoryPage } from '../common/pagination/history-page';
import { readPage, whereEqual, whereInRange, type PageQueryDto } from '../common/pagination/page';
import type { MessagesQueryDto } from './messages-query.dto';
import { MessageStatusEntity } from './message-status.entity';
import { MessageEntity } from './message.entity';
import { messageView, statusView } from './message.view';

@Injectable()
export class MessagesService {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    @InjectRepository(MessageStatusEntity) private readonly statuses: Repository<MessageStatusEntity>,
  ) {}

  async get(id: string) {
    const message = await this.messages.findOneBy({ id });
    if (!message) {
      throw new NotFoundException(`No message with id ${id}`);
    }
    return messageView(message);
  }

  /** The message's status events, oldest first, late ones included. */
  async history(id: string, page: PageQueryDto) {
    const history = await readHistoryPage(this.statuses.createQueryBuilder('status').where('status.messageId = :id', { id }), 'status', page, statusView);
    if (history.items.length === 0 && !(await this.messages.existsBy({ id }))) {
      throw new NotFoundException(`No message with id ${id}`);
    }
    return history;
  }

  list(query: MessagesQueryDto) {
    const builder = whereInRange(this.messages.createQueryBuilder('message'), 'message.statusEventTime', query);
    whereEqual(builder, 'message', query, [
      ['status', 'status'],
      ['wabaId', 'wabaId'],
      ['accountName', 'accountName'],
      ['wamid', 'wamid'],
    ]);
    return readPage(builder, 'message', query, messageView);
  }
}
