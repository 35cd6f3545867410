import { latestStateStatement } from '../common/latest-state.sql';
import { HandlesEvent } from '../event-bus/handles-event.decorator';
import type { EventContext, EventHandler } from '../event-bus/event-handler';
import { PhoneNumberNameBodyDto } from './phone-number-name-body.dto';

export const PHONE_NUMBER_NAME_EVENT = 'whatsapp_phone_number_name_update';

const RECORD_NAME_DECISION = latestStateStatement({
  stateTable: 'phone_numbers',
  historyTable: 'phone_number_history',
  keyColumns: ['phone_key'],
  columns: [
    'phone_key',
    'phone_number_id',
    'display_phone_number',
    'account_name',
    'waba_id',
    'decision',
    'requested_verified_name',
    'rejection_reason',
  ],
});

@HandlesEvent(PHONE_NUMBER_NAME_EVENT, PhoneNumberNameBodyDto)
export class PhoneNumberNameHandler implements EventHandler<PhoneNumberNameBodyDto> {
  async handle(body: PhoneNumberNameBodyDto, { eventId, eventTime, manager }: EventContext): Promise<void> {
    await manager.query(RECORD_NAME_DECISION, [
      eventId,
      eventTime,
      body.phoneNumberId ?? body.displayPhoneNumber,
      body.phoneNumberId ?? null,
      body.displayPhoneNumber ?? null,
      body.accountName ?? null,
      body.wabaId ?? null,
      body.decision,
      body.requestedVerifiedName ?? null,
      body.rejectionReason ?? null,
    ]);
  }
}
