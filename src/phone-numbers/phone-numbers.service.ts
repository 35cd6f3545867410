import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LatestStateRecords } from '../common/latest-state/latest-state.records';
import { PhoneNumberHistoryEntity } from './phone-number-history.entity';
import { PhoneNumberEntity } from './phone-number.entity';
import { phoneNumberView, type PhoneNumberDetailView, type PhoneNumberView } from './phone-number.view';
import type { PhoneNumbersQueryDto } from './phone-numbers-query.dto';

@Injectable()
export class PhoneNumbersService extends LatestStateRecords<PhoneNumberEntity, PhoneNumberHistoryEntity, PhoneNumberView, PhoneNumbersQueryDto> {
  constructor(
    @InjectRepository(PhoneNumberEntity) private readonly phoneNumbers: Repository<PhoneNumberEntity>,
    @InjectRepository(PhoneNumberHistoryEntity) private readonly historyRows: Repository<PhoneNumberHistoryEntity>,
  ) {
    super({
      state: phoneNumbers,
      history: historyRows,
      key: 'phoneKey',
      noun: 'phone number',
      present: phoneNumberView,
      filters: [
        ['wabaId', 'wabaId'],
        ['decision', 'decision'],
      ],
    });
  }

  /** The latest state with the whole history, as GET /phone-numbers/:id answered before /history existed. */
  async withHistory(id: string): Promise<PhoneNumberDetailView> {
    const phoneNumber = await this.find(id);
    const history = await this.historyRows.find({ where: { phoneKey: phoneNumber.phoneKey }, order: { eventTime: 'ASC', seq: 'ASC' } });
    return { ...phoneNumberView(phoneNumber), history: history.map(phoneNumberView) };
  }

  /** By phone number id, or by display number (the latest decision when several rows show it). */
  protected override async find(id: string): Promise<PhoneNumberEntity> {
    const phoneNumber =
      (await this.phoneNumbers.findOneBy({ phoneKey: id })) ??
      (await this.phoneNumbers.findOne({ where: { displayPhoneNumber: id }, order: { eventTime: 'DESC' } }));
    if (!phoneNumber) {
      throw new NotFoundException(`No phone number with id or display number ${id}`);
    }
    return phoneNumber;
  }
}
