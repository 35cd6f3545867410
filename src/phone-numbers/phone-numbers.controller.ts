import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiHistoryOf, ApiPageOf, ApiRecordOf } from '../common/api-docs.decorators';
import { PageQueryDto } from '../common/pagination/page';
import { PhoneNumberDetailView, PhoneNumberView } from './phone-number.view';
import { PhoneNumbersQueryDto } from './phone-numbers-query.dto';
import { PhoneNumbersService } from './phone-numbers.service';

@ApiTags('phone numbers')
@ApiBearerAuth()
@Controller('phone-numbers')
export class PhoneNumbersController {
  constructor(private readonly phoneNumbers: PhoneNumbersService) {}

  @Get()
  @ApiPageOf(PhoneNumberView)
  @ApiOperation({ summary: 'Business phone numbers and their latest display-name decision, newest first' })
  list(@Query() query: PhoneNumbersQueryDto) {
    return this.phoneNumbers.list(query);
  }

  @Get(':id')
  @ApiRecordOf(PhoneNumberDetailView, 'No phone number with that id or display number')
  @ApiOperation({ summary: 'A phone number by its id, or by display number when the vendor sent no id (its `history` field is deprecated: use /history)' })
  get(@Param('id') id: string) {
    return this.phoneNumbers.withHistory(id);
  }

  @Get(':id/history')
  @ApiHistoryOf(PhoneNumberView, 'No phone number with that id or display number')
  @ApiOperation({ summary: 'Every display-name event of the phone number, oldest first, late ones included' })
  history(@Param('id') id: string, @Query() page: PageQueryDto) {
    return this.phoneNumbers.history(id, page);
  }
}
