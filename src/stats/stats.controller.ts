import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { FailureReasonsQueryDto, StatsQueryDto } from './stats-query.dto';
import { StatsService } from './stats.service';
import { CurrentCountsView, EventCountsView, FailureReasonsView, InboundCountsView, MessageFunnelView } from './stats.views';

@ApiTags('stats')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing or wrong `Authorization: Bearer <API_TOKEN>`' })
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('events')
  @ApiOkResponse({ type: EventCountsView })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid, or the range holds too many buckets of that width' })
  @ApiOperation({ summary: 'Events received per bucket (by received time), by type and outcome' })
  events(@Query() query: StatsQueryDto): Promise<EventCountsView> {
    return this.stats.eventCounts(query);
  }

  @Get('messages')
  @ApiOkResponse({ type: MessageFunnelView })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid, or the range holds too many buckets of that width' })
  @ApiOperation({ summary: 'The delivery funnel of sent messages per bucket (by when each message was first seen): delivered, read, failed and their rates' })
  messages(@Query() query: StatsQueryDto): Promise<MessageFunnelView> {
    return this.stats.messageFunnel(query);
  }

  @Get('failure-reasons')
  @ApiOkResponse({ type: FailureReasonsView })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid, or the range holds too many buckets of that width' })
  @ApiOperation({ summary: 'The most frequent reasons of failure reports received in the window, with an example message' })
  failureReasons(@Query() query: FailureReasonsQueryDto): Promise<FailureReasonsView> {
    return this.stats.failureReasons(query);
  }

  @Get('inbound')
  @ApiOkResponse({ type: InboundCountsView })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid, or the range holds too many buckets of that width' })
  @ApiOperation({ summary: 'Inbound (customer) messages received per bucket, by message type' })
  inbound(@Query() query: StatsQueryDto): Promise<InboundCountsView> {
    return this.stats.inboundCounts(query);
  }

  @Get('current')
  @ApiOkResponse({ type: CurrentCountsView })
  @ApiOperation({ summary: 'Templates by status, accounts and phone numbers by decision, now' })
  current(): Promise<CurrentCountsView> {
    return this.stats.currentCounts();
  }
}
