import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PhoneNumberHistoryEntity } from './phone-number-history.entity';
import { PhoneNumberNameHandler } from './phone-number-name.handler';
import { PhoneNumberEntity } from './phone-number.entity';
import { PhoneNumbersController } from './phone-numbers.controller';
import { PhoneNumbersService } from './phone-numbers.service';

/** Display-name reviews of business phone numbers (`whatsapp_phone_number_name_update`). */
@Module({
  imports: [TypeOrmModule.forFeature([PhoneNumberEntity, PhoneNumberHistoryEntity])],
  controllers: [PhoneNumbersController],
  providers: [PhoneNumberNameHandler, PhoneNumbersService],
})
export class PhoneNumbersModule {}
