import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PhoneNumbersQueryDto } from './phone-numbers-query.dto';
import { PhoneNumbersService } from './phone-numbers.service';

@ApiTags('phone numbers')
@ApiBearerAuth()
@Controller('phone-numbers')
export class PhoneNumbersController {
  constructor(private readonly phoneNumbers: PhoneNumbersService) {}

  @Get()
  @ApiOperation({ summary: 'Business phone numbers and their latest display-name decision, newest first' })
  list(@Query() query: PhoneNumbersQueryDto) {
    return this.phoneNumbers.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A phone number by its id, or by display number when the vendor sent no id, with history' })
  get(@Param('id') id: string) {
    return this.phoneNumbers.get(id);
  }
}
