import { Body, Controller, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OpenToPublic } from '../common/api-token.guard';
import { EventIngestionService, type IngestOutcome } from './event-ingestion.service';
import { WebhookAuthGuard } from './webhook-auth.guard';
import { WebhookEnvelopeDto, type ReceivedEvent } from './webhook-envelope.dto';
import { WebhookEnvelopePipe } from './webhook-envelope.pipe';

@ApiTags('webhook')
@ApiHeader({ name: 'UserName', required: true, description: 'The UserName entered in the vendor console' })
@ApiHeader({ name: 'Authorization', required: true, description: 'The Authorization value entered in the vendor console' })
@OpenToPublic()
@UseGuards(WebhookAuthGuard)
@Controller('webhooks/whatsapp')
export class WebhookController {
  constructor(private readonly ingestion: EventIngestionService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'The callback URL: stores the event once and hands it to its module' })
  @ApiBody({ type: WebhookEnvelopeDto })
  receive(@Body(WebhookEnvelopePipe) event: ReceivedEvent): Promise<IngestOutcome> {
    return this.ingestion.receive(event);
  }

  @Put()
  @HttpCode(200)
  @ApiOperation({ summary: 'The same callback, for a vendor configured to use PUT' })
  @ApiBody({ type: WebhookEnvelopeDto })
  receiveByPut(@Body(WebhookEnvelopePipe) event: ReceivedEvent): Promise<IngestOutcome> {
    return this.ingestion.receive(event);
  }
}
