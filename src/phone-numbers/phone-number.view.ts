import type { PhoneNumberHistoryEntity } from './phone-number-history.entity';
import type { PhoneNumberEntity } from './phone-number.entity';

export function phoneNumberView(phoneNumber: PhoneNumberEntity | PhoneNumberHistoryEntity) {
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
