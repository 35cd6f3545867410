import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessagesQueryDto } from './messages-query.dto';
import { MessagesService } from './messages.service';
import { ApiPage, ApiRecord } from '../common/api-docs.decorators';
import { PageQueryDto } from '../common/pagination/page';

const MESSAGE_EXAMPLE = {
  id: '400000000000000001',
  status: 'read',
  statusEventTime: '2023-02-22T12:00:03.000Z',
  wamid: 'wamid.TEST0001',
  accountName: 'IW100001',
  wabaId: '200000000000001',
  conversation: { id: 'c0ffee00000000000000000000000001', initiateType: 'business_initiated', expireAt: '2023-02-23T12:00:00.000Z' },
  error: null,
  currency: 'USD',
  timestamps: {
    sent: '2023-02-22T12:00:00.000Z',
    delivered: '2023-02-22T12:00:02.000Z',
    deliveredInferredFromRead: false,
    read: '2023-02-22T12:00:03.000Z',
    failed: null,
  },
};

const STATUS_HISTORY_EXAMPLE = {
  items: [{ eventId: 'e-1', status: 'sent', eventTime: '2023-02-22T12:00:00.000Z', receivedAt: '2023-02-22T12:00:01.000Z', error: null }],
  nextCursor: null,
};

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiPage(MESSAGE_EXAMPLE)
  @ApiOperation({ summary: 'Sent messages, newest first; since/until bound the time of the current status' })
  list(@Query() query: MessagesQueryDto) {
    return this.messages.list(query);
  }

  @Get(':id')
  @ApiRecord(MESSAGE_EXAMPLE, 'No message with that id')
  @ApiOperation({ summary: "A sent message's current state, by the vendor's message id" })
  get(@Param('id') id: string) {
    return this.messages.get(id);
  }

  @Get(':id/history')
  @ApiRecord(STATUS_HISTORY_EXAMPLE, 'No message with that id')
  @ApiOperation({ summary: 'Every status event of the message, oldest first, late ones included; paged like every history' })
  history(@Param('id') id: string, @Query() page: PageQueryDto) {
    return this.messages.history(id, page);
  }

  @Get(':id/statuses')
  @ApiRecord(STATUS_HISTORY_EXAMPLE, 'No message with that id')
  @ApiOperation({ summary: 'The same as /messages/{id}/history, under its first name', deprecated: true })
  statuses(@Param('id') id: string, @Query() page: PageQueryDto) {
    return this.messages.history(id, page);
  }
}
