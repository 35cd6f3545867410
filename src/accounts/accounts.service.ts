import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LatestStateRecords } from '../common/latest-state/latest-state.records';
import { AccountHistoryEntity } from './account-history.entity';
import { AccountEntity } from './account.entity';
import { accountView, type AccountDetailView, type AccountView } from './account.view';
import type { AccountsQueryDto } from './accounts-query.dto';

@Injectable()
export class AccountsService extends LatestStateRecords<AccountEntity, AccountHistoryEntity, AccountView, AccountsQueryDto> {
  constructor(
    @InjectRepository(AccountEntity) accounts: Repository<AccountEntity>,
    @InjectRepository(AccountHistoryEntity) private readonly historyRows: Repository<AccountHistoryEntity>,
  ) {
    super({
      state: accounts,
      history: historyRows,
      key: 'wabaId',
      noun: 'account',
      present: accountView,
      filters: [
        ['decision', 'decision'],
        ['accountName', 'accountName'],
      ],
    });
  }

  /** The latest state with the whole history, as GET /accounts/:id answered before /history existed. */
  async withHistory(wabaId: string): Promise<AccountDetailView> {
    const account = await this.find(wabaId);
    const history = await this.historyRows.find({ where: { wabaId }, order: { eventTime: 'ASC', seq: 'ASC' } });
    return { ...accountView(account), history: history.map(accountView) };
  }
}
