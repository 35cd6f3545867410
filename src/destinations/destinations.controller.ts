import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswerOf, ApiPageOf, ApiRecordOf } from '../common/api-docs.decorators';
import { PageQueryDto } from '../common/pagination/page';
import { AttemptsPerMinuteQueryDto, CreateDestinationDto, DeliveriesQueryDto, ReplayDto, UpdateDestinationDto } from './destination.dto';
import { AttemptsPerMinuteView, AttemptView, CreatedDestinationView, DeliveryView, DestinationView, ReplayView, RotatedSecretView } from './destination.view';
import { DestinationsService } from './destinations.service';

const NOT_FOUND = 'No destination with that id';

@ApiTags('destinations')
@ApiBearerAuth()
@Controller('destinations')
export class DestinationsController {
  constructor(private readonly destinations: DestinationsService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedDestinationView, description: 'The destination, with its signing secret: shown only in this answer' })
  @ApiOperation({ summary: 'Forward events to one of your services, signed with Standard Webhooks' })
  create(@Body() dto: CreateDestinationDto) {
    return this.destinations.create(dto);
  }

  @Get()
  @ApiPageOf(DestinationView)
  @ApiOperation({ summary: 'Destinations, newest first' })
  list(@Query() query: PageQueryDto) {
    return this.destinations.list(query);
  }

  @Get(':id')
  @ApiRecordOf(DestinationView, NOT_FOUND)
  @ApiOperation({ summary: 'One destination; `enabled: false` with a `disabledReason` when the service disabled it' })
  get(@Param('id') id: string) {
    return this.destinations.get(id);
  }

  @Patch(':id')
  @ApiRecordOf(DestinationView, NOT_FOUND)
  @ApiOperation({ summary: 'Change the URL, the event types, the description, or enable and disable' })
  update(@Param('id') id: string, @Body() dto: UpdateDestinationDto) {
    return this.destinations.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its deliveries' })
  @ApiOperation({ summary: 'Stop forwarding to a destination and forget its deliveries' })
  remove(@Param('id') id: string) {
    return this.destinations.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ type: RotatedSecretView })
  @ApiOperation({ summary: 'A new signing secret; for 24 hours requests are signed with the old one too' })
  rotateSecret(@Param('id') id: string) {
    return this.destinations.rotateSecret(id);
  }

  @Get(':id/deliveries')
  @ApiPageOf(DeliveryView)
  @ApiOperation({ summary: 'Deliveries to a destination with their last attempt, newest first; filter by state' })
  deliveries(@Param('id') id: string, @Query() query: DeliveriesQueryDto) {
    return this.destinations.listDeliveries(id, query);
  }

  @Get(':id/deliveries/:deliveryId')
  @ApiRecordOf(DeliveryView, 'No such destination or delivery')
  @ApiOperation({ summary: 'One delivery with its last attempt' })
  delivery(@Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return this.destinations.getDelivery(id, deliveryId);
  }

  @Get(':id/deliveries/:deliveryId/attempts')
  @ApiPageOf(AttemptView)
  @ApiOperation({ summary: "Every attempt of one delivery, newest first: when, the answer's code, how long it took, the error" })
  attempts(@Param('id') id: string, @Param('deliveryId') deliveryId: string, @Query() query: PageQueryDto) {
    return this.destinations.listAttempts(id, deliveryId, query);
  }

  @Get(':id/attempts-per-minute')
  @ApiAnswerOf(AttemptsPerMinuteView)
  @ApiOperation({ summary: 'Attempts per minute, delivered and failed (default: the last hour; at most 24 hours)' })
  attemptsPerMinute(@Param('id') id: string, @Query() query: AttemptsPerMinuteQueryDto) {
    return this.destinations.attemptsPerMinute(id, query);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOkResponse({ type: ReplayView })
  @ApiOperation({ summary: 'Send again every matching event with an event time from `since` on (same webhook-id as before)' })
  replay(@Param('id') id: string, @Body() dto: ReplayDto) {
    return this.destinations.replay(id, new Date(dto.since));
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @ApiRecordOf(DeliveryView, 'No such destination or delivery')
  @ApiOperation({ summary: 'Start one delivery over, at once' })
  retry(@Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return this.destinations.retryDelivery(id, deliveryId);
  }
}
