import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboundMessagesQueryDto } from './inbound-query.dto';
import { InboundService } from './inbound.service';
import { ApiPageOf, ApiRecordOf } from '../common/api-docs.decorators';
import { InboundMessageResponseDto } from './inbound-response.dto';

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('inbound-messages')
export class InboundMessagesController {
  constructor(private readonly inbound: InboundService) {}

  @Get()
  @ApiPageOf(InboundMessageResponseDto)
  @ApiOperation({ summary: 'Messages customers wrote, newest first; since/until bound the send time' })
  list(@Query() query: InboundMessagesQueryDto) {
    return this.inbound.listMessages(query);
  }

  @Get(':id')
  @ApiRecordOf(InboundMessageResponseDto, 'No inbound message with that id')
  @ApiOperation({ summary: "One inbound message by the vendor's message id, with its content as sent" })
  get(@Param('id') id: string) {
    return this.inbound.getMessage(id);
  }
}
