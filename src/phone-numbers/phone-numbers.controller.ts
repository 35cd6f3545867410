import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PhoneNumbersQueryDto } from './phone-numbers-query.dto';
import { PhoneNumbersService } from './phone-numbers.service';
import { ApiPage, ApiRecord } from '../common/api-docs.decorators';

const PHONE_NUMBER_EXAMPLE = {
  id: '106540352242922',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550002222',
  decision: 'REJECTED',
  requestedVerifiedName: 'Acme Shop',
  rejectionReason: 'NAME_FORMAT_UNACCEPTABLE',
  wabaId: '200000000000001',
  eventTime: '2024-01-02T00:00:00.000Z',
};

@ApiTags('phone numbers')
@ApiBearerAuth()
@Controller('phone-numbers')
export class PhoneNumbersController {
  constructor(private readonly phoneNumbers: PhoneNumbersService) {}

  @Get()
  @ApiPage(PHONE_NUMBER_EXAMPLE)
  @ApiOperation({ summary: 'Business phone numbers and their latest display-name decision, newest first' })
  list(@Query() query: PhoneNumbersQueryDto) {
    return this.phoneNumbers.list(query);
  }

  @Get(':id')
  @ApiRecord({ ...PHONE_NUMBER_EXAMPLE, history: [PHONE_NUMBER_EXAMPLE] }, 'No phone number with that id or display number')
  @ApiOperation({ summary: 'A phone number by its id, or by display number when the vendor sent no id, with history' })
  get(@Param('id') id: string) {
    return this.phoneNumbers.get(id);
  }
}
