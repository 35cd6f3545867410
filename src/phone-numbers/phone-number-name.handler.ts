import { LatestStateWriter } from '../common/latest-state/latest-state.sql';
import { PHONE_NUMBER_NAME_EXAMPLES } from './phone-number-name.examples';
import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { BusEvent, EventHandler, HandlerContext } from '../event-bus/event-handler';
import { PhoneNumberNameBodyDto } from './phone-number-name-body.dto';

export const PHONE_NUMBER_NAME_EVENT = 'whatsapp_phone_number_name_update';

const phoneNumbers = new LatestStateWriter({
  stateTable: 'phone_numbers',
  historyTable: 'phone_number_history',
  keyColumn: 'phone_key',
  columns: ['phone_key', 'phone_number_id', 'display_phone_number', 'account_name', 'waba_id', 'decision', 'requested_verified_name', 'rejection_reason'].map(
    (name) => ({ name, type: 'text' }),
  ),
});

@HandlesEvent(PHONE_NUMBER_NAME_EVENT, PhoneNumberNameBodyDto, PHONE_NUMBER_NAME_EXAMPLES)
export class PhoneNumberNameHandler implements EventHandler<PhoneNumberNameBodyDto> {
  async handle(events: BusEvent<PhoneNumberNameBodyDto>[], { query }: HandlerContext): Promise<void> {
    await phoneNumbers.write(
      query,
      events.map(({ body, eventId, eventTime }) => ({
        event_id: eventId,
        event_time: eventTime,
        phone_key: body.phoneNumberId ?? body.displayPhoneNumber,
        phone_number_id: body.phoneNumberId,
        display_phone_number: body.displayPhoneNumber,
        account_name: body.accountName,
        waba_id: body.wabaId,
        decision: body.decision,
        requested_verified_name: body.requestedVerifiedName,
        rejection_reason: body.rejectionReason,
      })),
    );
  }
}
