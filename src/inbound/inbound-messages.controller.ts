import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboundMessagesQueryDto } from './inbound-query.dto';
import { InboundService } from './inbound.service';

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('inbound-messages')
export class InboundMessagesController {
  constructor(private readonly inbound: InboundService) {}

  @Get()
  @ApiOperation({ summary: 'Messages customers wrote, newest first; since/until bound the send time' })
  list(@Query() query: InboundMessagesQueryDto) {
    return this.inbound.listMessages(query);
  }

  @Get(':id')
  @ApiOperation({ summary: "One inbound message by the vendor's message id, with its content as sent" })
  get(@Param('id') id: string) {
    return this.inbound.getMessage(id);
  }
}
