import { latestStateStatement } from '../common/latest-state.sql';
import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { EventContext, EventHandler } from '../event-bus/event-handler';
import { AccountReviewBodyDto } from './account-review-body.dto';

export const ACCOUNT_REVIEW_EVENT = 'whatsapp_account_review_updated';

const RECORD_ACCOUNT_REVIEW = latestStateStatement({
  stateTable: 'accounts',
  historyTable: 'account_history',
  keyColumns: ['waba_id'],
  columns: ['waba_id', 'account_name', 'decision'],
});

@HandlesEvent(ACCOUNT_REVIEW_EVENT, AccountReviewBodyDto)
export class AccountReviewHandler implements EventHandler<AccountReviewBodyDto> {
  async handle(body: AccountReviewBodyDto, { eventId, eventTime, manager }: EventContext): Promise<void> {
    await manager.query(RECORD_ACCOUNT_REVIEW, [eventId, eventTime, body.wabaId, body.accountName ?? null, body.decision]);
  }
}
