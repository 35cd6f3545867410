import { ApiProperty } from '@nestjs/swagger';
import type { AccountHistoryEntity } from './account-history.entity';
import type { AccountEntity } from './account.entity';

/** An account's review state as one event left it: the latest state, or one history entry. */
export class AccountView {
  @ApiProperty({ example: '200000000000001', description: 'WhatsApp Business Account id' })
  wabaId: string;

  @ApiProperty({ type: String, nullable: true, example: 'IW100001' })
  accountName: string | null;

  @ApiProperty({ example: 'APPROVED' })
  decision: string;

  @ApiProperty({ example: '3b6f0e52-8a61-4d0b-9a57-0d9a1c2e4f10', description: 'the event this state comes from' })
  eventId: string;

  @ApiProperty({ example: '2023-12-03T10:00:00.000Z' })
  eventTime: Date;
}

/** GET /accounts/:id: the latest state, and (deprecated, use /accounts/:id/history) its whole history. */
export class AccountDetailView extends AccountView {
  @ApiProperty({ type: [AccountView], deprecated: true, description: 'every event, oldest first; use GET /accounts/{id}/history, which pages' })
  history: AccountView[];
}

export function accountView(account: AccountEntity | AccountHistoryEntity): AccountView {
  return {
    wabaId: account.wabaId,
    accountName: account.accountName,
    decision: account.decision,
    eventId: account.eventId,
    eventTime: account.eventTime,
  };
}
