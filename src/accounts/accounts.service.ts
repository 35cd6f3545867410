import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { readPage, whereEqual } from '../common/pagination/page';
import { AccountHistoryEntity } from './account-history.entity';
import { AccountEntity } from './account.entity';
import { accountView } from './account.view';
import type { AccountsQueryDto } from './accounts-query.dto';

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    @InjectRepository(AccountHistoryEntity) private readonly history: Repository<AccountHistoryEntity>,
  ) {}

  list(query: AccountsQueryDto) {
    const builder = whereEqual(this.accounts.createQueryBuilder('account'), 'account', query, [
      ['decision', 'decision'],
      ['accountName', 'accountName'],
    ]);
    return readPage(builder, 'account', query, accountView);
  }

  async get(wabaId: string) {
    const account = await this.accounts.findOneBy({ wabaId });
    if (!account) {
      throw new NotFoundException(`No account with wabaId ${wabaId}`);
    }
    const history = await this.history.find({ where: { wabaId }, order: { eventTime: 'ASC', seq: 'ASC' } });
    return { ...accountView(account), history: history.map(accountView) };
  }
}
