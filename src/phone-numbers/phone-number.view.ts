import { ApiProperty } from '@nestjs/swagger';
import type { PhoneNumberHistoryEntity } from './phone-number-history.entity';
import type { PhoneNumberEntity } from './phone-number.entity';

/** A phone number's display-name state as one event left it: the latest state, or one history entry. */
export class PhoneNumberView {
  @ApiProperty({ example: '106540352242922', description: 'the phone number id, or the display number when the vendor sent no id' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: '106540352242922' })
  phoneNumberId: string | null;

  @ApiProperty({ type: String, nullable: true, example: '15550002222' })
  displayPhoneNumber: string | null;

  @ApiProperty({ example: 'REJECTED' })
  decision: string;

  @ApiProperty({ type: String, nullable: true, example: 'Acme Shop' })
  requestedVerifiedName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'NAME_FORMAT_UNACCEPTABLE' })
  rejectionReason: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'IW100001' })
  accountName: string | null;

  @ApiProperty({ type: String, nullable: true, example: '200000000000001' })
  wabaId: string | null;

  @ApiProperty({ example: '9a2c4e61-7b3d-4f8e-a1c5-6d7e8f9a0b12', description: 'the event this state comes from' })
  eventId: string;

  @ApiProperty({ example: '2024-01-02T00:00:00.000Z' })
  eventTime: Date;
}

/** GET /phone-numbers/:id: the latest state, and (deprecated, use /phone-numbers/:id/history) its whole history. */
export class PhoneNumberDetailView extends PhoneNumberView {
  @ApiProperty({ type: [PhoneNumberView], deprecated: true, description: 'every event, oldest first; use GET /phone-numbers/{id}/history, which pages' })
  history: PhoneNumberView[];
}

export function phoneNumberView(phoneNumber: PhoneNumberEntity | PhoneNumberHistoryEntity): PhoneNumberView {
  return {
    id: phoneNumber.phoneKey,
    phoneNumberId: phoneNumber.phoneNumberId,
    displayPhoneNumber: phoneNumber.displayPhoneNumber,
    decision: phoneNumber.decision,
    requestedVerifiedName: phoneNumber.requestedVerifiedName,
    rejectionReason: phoneNumber.rejectionReason,
    accountName: phoneNumber.accountName,
    wabaId: phoneNumber.wabaId,
    eventId: phoneNumber.eventId,
    eventTime: phoneNumber.eventTime,
  };
}
