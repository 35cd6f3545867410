import type { AccountHistoryEntity } from './account-history.entity';
import type { AccountEntity } from './account.entity';

export function accountView(account: AccountEntity | AccountHistoryEntity) {
  return {
    wabaId: account.wabaId,
    accountName: account.accountName,
    decision: account.decision,
    eventId: account.eventId,
    eventTime: account.eventTime,
  };
}
