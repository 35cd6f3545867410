import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { readPage, whereEqual, whereInRange } from '../common/pagination/page';
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

  async history(id: string) {
    const statuses = await this.statuses.find({ where: { messageId: id }, order: { eventTime: 'ASC', seq: 'ASC' } });
    if (statuses.length === 0 && !(await this.messages.existsBy({ id }))) {
      throw new NotFoundException(`No message with id ${id}`);
    }
    return { items: statuses.map(statusView) };
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
