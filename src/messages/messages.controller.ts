import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MessagesQueryDto } from './messages-query.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiOperation({ summary: 'Sent messages, newest first; since/until bound the time of the current status' })
  list(@Query() query: MessagesQueryDto) {
    return this.messages.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: "A sent message's current state, by the vendor's message id" })
  get(@Param('id') id: string) {
    return this.messages.get(id);
  }

  @Get(':id/statuses')
  @ApiOperation({ summary: 'Every status event of the message, oldest first, late ones included' })
  history(@Param('id') id: string) {
    return this.messages.history(id);
  }
}
