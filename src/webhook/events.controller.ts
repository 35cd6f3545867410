import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventsQueryDto } from './events-query.dto';
import { EventsService } from './events.service';
import { ApiPage, ApiRecord } from '../common/api-docs.decorators';

const EVENT_EXAMPLE = {
  id: '0c8f5a36-1e0b-4f5e-9d51-8f3d2f0e7a11',
  type: 'whatsapp_message_status_updated',
  eventTime: '2023-02-22T12:00:00.000Z',
  receivedAt: '2023-02-22T12:00:00.210Z',
  state: 'processed',
  reasons: null,
  error: null,
  attempts: 1,
  processedAt: '2023-02-22T12:00:00.214Z',
};

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiPage(EVENT_EXAMPLE)
  @ApiOperation({ summary: 'Stored events, newest first; filters type, state, since, until (event time)' })
  list(@Query() query: EventsQueryDto) {
    return this.events.list(query);
  }

  @Get(':id')
  @ApiRecord(
    {
      ...EVENT_EXAMPLE,
      payload: { id: EVENT_EXAMPLE.id, type: EVENT_EXAMPLE.type, eventTime: EVENT_EXAMPLE.eventTime, body: {} },
      conflicts: [],
      conflictsNotKept: 0,
    },
    'No event with that id',
  )
  @ApiOperation({ summary: 'One stored event with its raw payload and its conflicting versions (at most MAX_CONFLICT_VERSIONS; later ones only counted)' })
  get(@Param('id') id: string) {
    return this.events.get(id);
  }

  @Post(':id/replay')
  @ApiRecord({ ...EVENT_EXAMPLE, attempts: 2 }, 'No event with that id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Validate and process a stored event again through its module; answers its new state' })
  replay(@Param('id') id: string) {
    return this.events.replay(id);
  }
}
