import { LatestStateWriter } from '../common/latest-state/latest-state.sql';
import { unnestColumns } from '../common/unnest.sql';
import { ACCOUNT_REVIEW_EXAMPLES } from './account-review.examples';
import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { BusEvent, EventHandler, HandlerContext } from '../event-bus/event-handler';
import { AccountReviewBodyDto } from './account-review-body.dto';

export const ACCOUNT_REVIEW_EVENT = 'whatsapp_account_review_updated';

const accounts = new LatestStateWriter({
  stateTable: 'accounts',
  historyTable: 'account_history',
  keyColumn: 'waba_id',
  columns: unnestColumns('text', 'waba_id', 'account_name', 'decision'),
});

@HandlesEvent(ACCOUNT_REVIEW_EVENT, AccountReviewBodyDto, ACCOUNT_REVIEW_EXAMPLES)
export class AccountReviewHandler implements EventHandler<AccountReviewBodyDto> {
  async handle(events: BusEvent<AccountReviewBodyDto>[], { query }: HandlerContext): Promise<void> {
    await accounts.write(
      query,
      events.map(({ body, eventId, eventTime }) => ({
        event_id: eventId,
        event_time: eventTime,
        waba_id: body.wabaId,
        account_name: body.accountName,
        decision: body.decision,
      })),
    );
  }
}
