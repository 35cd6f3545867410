import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { readPage, whereEqual } from '../common/pagination/page';
import { PhoneNumberHistoryEntity } from './phone-number-history.entity';
import { PhoneNumberEntity } from './phone-number.entity';
import { phoneNumberView } from './phone-number.view';
import type { PhoneNumbersQueryDto } from './phone-numbers-query.dto';

@Injectable()
export class PhoneNumbersService {
  constructor(
    @InjectRepository(PhoneNumberEntity) private readonly phoneNumbers: Repository<PhoneNumberEntity>,
    @InjectRepository(PhoneNumberHistoryEntity) private readonly history: Repository<PhoneNumberHistoryEntity>,
  ) {}

  list(query: PhoneNumbersQueryDto) {
    const builder = whereEqual(this.phoneNumbers.createQueryBuilder('phone'), 'phone', query, [
      ['wabaId', 'wabaId'],
      ['decision', 'decision'],
    ]);
    return readPage(builder, 'phone', query, phoneNumberView);
  }

  /** By phone number id, or by display number (the latest decision when several rows show it). */
  async get(id: string) {
    const phoneNumber =
      (await this.phoneNumbers.findOneBy({ phoneKey: id })) ??
      (await this.phoneNumbers.findOne({ where: { displayPhoneNumber: id }, order: { eventTime: 'DESC' } }));
    if (!phoneNumber) {
      throw new NotFoundException(`No phone number with id or display number ${id}`);
    }
    const history = await this.history.find({ where: { phoneKey: phoneNumber.phoneKey }, order: { eventTime: 'ASC', seq: 'ASC' } });
    return { ...phoneNumberView(phoneNumber), history: history.map(phoneNumberView) };
  }
}
