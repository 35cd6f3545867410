import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventsQueryDto } from './events-query.dto';
import { EventsService } from './events.service';
import { ApiPageOf, ApiRecordOf } from '../common/api-docs.decorators';
import type { Page } from '../common/pagination/page';
import { EventDetailResponseDto, EventResponseDto } from './event-response.dto';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiPageOf(EventResponseDto)
  @ApiOperation({ summary: 'Stored events, newest first; filters type, state, since, until (event time)' })
  list(@Query() query: EventsQueryDto): Promise<Page<EventResponseDto>> {
    return this.events.list(query);
  }

  @Get(':id')
  @ApiRecordOf(EventDetailResponseDto, 'No event with that id')
  @ApiOperation({ summary: 'One stored event with its raw payload and its conflicting versions (at most MAX_CONFLICT_VERSIONS; later ones only counted)' })
  get(@Param('id') id: string): Promise<EventDetailResponseDto> {
    return this.events.get(id);
  }

  @Post(':id/replay')
  @ApiRecordOf(EventResponseDto, 'No event with that id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate and process a stored event again through its module; answers its new state' })
  replay(@Param('id') id: string): Promise<EventResponseDto> {
    return this.events.replay(id);
  }
}
