import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessagesQueryDto } from './messages-query.dto';
import { MessagesService } from './messages.service';
import { ApiHistoryOf, ApiPageOf, ApiRecordOf } from '../common/api-docs.decorators';
import { PageQueryDto } from '../common/pagination/page';
import { MessageResponseDto, MessageStatusResponseDto } from './message-response.dto';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiPageOf(MessageResponseDto)
  @ApiOperation({ summary: 'Sent messages, newest first; since/until bound the time of the current status' })
  list(@Query() query: MessagesQueryDto) {
    return this.messages.list(query);
  }

  @Get(':id')
  @ApiRecordOf(MessageResponseDto, 'No message with that id')
  @ApiOperation({ summary: "A sent message's current state, by the vendor's message id" })
  get(@Param('id') id: string) {
    return this.messages.get(id);
  }

  @Get(':id/history')
  @ApiHistoryOf(MessageStatusResponseDto, 'No message with that id')
  @ApiOperation({ summary: 'Every status event of the message, oldest first, late ones included; paged like every history' })
  history(@Param('id') id: string, @Query() page: PageQueryDto) {
    return this.messages.history(id, page);
  }

  @Get(':id/statuses')
  @ApiHistoryOf(MessageStatusResponseDto, 'No message with that id')
  @ApiOperation({ summary: 'The same as /messages/{id}/history, under its first name', deprecated: true })
  statuses(@Param('id') id: string, @Query() page: PageQueryDto) {
    return this.messages.history(id, page);
  }
}
