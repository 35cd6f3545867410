import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswerOf } from '../common/api-docs.decorators';
import { FailureReasonsQueryDto, StatsQueryDto } from './stats-query.dto';
import { StatsService } from './stats.service';
import { CurrentCountsView, EventCountsView, FailureReasonsView, InboundCountsView, MessageFunnelView } from './stats.views';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('events')
  @ApiAnswerOf(EventCountsView)
  @ApiOperation({ summary: 'Events received per bucket (by received time), by type and outcome' })
  events(@Query() query: StatsQueryDto): Promise<EventCountsView> {
    return this.stats.eventCounts(query);
  }

  @Get('messages')
  @ApiAnswerOf(MessageFunnelView)
  @ApiOperation({ summary: 'The delivery funnel of sent messages per bucket (by when each message was first seen): delivered, read, failed and their rates' })
  messages(@Query() query: StatsQueryDto): Promise<MessageFunnelView> {
    return this.stats.messageFunnel(query);
  }

  @Get('failure-reasons')
  @ApiAnswerOf(FailureReasonsView)
  @ApiOperation({ summary: 'The most frequent reasons of failure reports received in the window, with an example message' })
  failureReasons(@Query() query: FailureReasonsQueryDto): Promise<FailureReasonsView> {
    return this.stats.failureReasons(query);
  }

  @Get('inbound')
  @ApiAnswerOf(InboundCountsView)
  @ApiOperation({ summary: 'Inbound (customer) messages received per bucket, by message type' })
  inbound(@Query() query: StatsQueryDto): Promise<InboundCountsView> {
    return this.stats.inboundCounts(query);
  }

  @Get('current')
  @ApiAnswerOf(CurrentCountsView, { takesQuery: false })
  @ApiOperation({ summary: 'Templates by status, accounts and phone numbers by decision, now' })
  current(): Promise<CurrentCountsView> {
    return this.stats.currentCounts();
  }
}
