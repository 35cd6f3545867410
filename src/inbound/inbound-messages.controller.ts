import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboundMessagesQueryDto } from './inbound-query.dto';
import { InboundService } from './inbound.service';
import { ApiPage, ApiRecord } from '../common/api-docs.decorators';

const INBOUND_EXAMPLE = {
  id: '64a000000000000000000001',
  eventId: '7d1f2a90-0b7c-4c11-9a0e-3f5b6c7d8e01',
  type: 'text',
  from: '15550001111',
  to: '15550002222',
  sendTime: '2023-02-22T11:59:58.000Z',
  customerName: 'Ana',
  wabaId: '200000000000001',
  context: null,
  text: 'Where is my order?',
  content: { body: 'Where is my order?' },
};

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('inbound-messages')
export class InboundMessagesController {
  constructor(private readonly inbound: InboundService) {}

  @Get()
  @ApiPage(INBOUND_EXAMPLE)
  @ApiOperation({ summary: 'Messages customers wrote, newest first; since/until bound the send time' })
  list(@Query() query: InboundMessagesQueryDto) {
    return this.inbound.listMessages(query);
  }

  @Get(':id')
  @ApiRecord(INBOUND_EXAMPLE, 'No inbound message with that id')
  @ApiOperation({ summary: "One inbound message by the vendor's message id, with its content as sent" })
  get(@Param('id') id: string) {
    return this.inbound.getMessage(id);
  }
}
