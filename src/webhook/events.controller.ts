import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventsQueryDto } from './events-query.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ summary: 'Stored events, newest first; filters type, state, since, until (event time)' })
  list(@Query() query: EventsQueryDto) {
    return this.events.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One stored event with its raw payload and every conflicting version' })
  get(@Param('id') id: string) {
    return this.events.get(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate and process a stored event again through its module; answers its new state' })
  replay(@Param('id') id: string) {
    return this.events.replay(id);
  }
}
