import { Body, Controller, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { OpenToPublic } from '../common/api-token.guard';
import { EventIngestionService, type IngestOutcome } from './event-ingestion.service';
import { WebhookAuthGuard } from './webhook-auth.guard';
import { WebhookEnvelopeDto, type ReceivedEvent } from './webhook-envelope.dto';
import { WebhookEnvelopePipe } from './webhook-envelope.pipe';

@ApiTags('webhook')
@ApiHeader({ name: 'UserName', required: true, description: 'The UserName entered in the vendor console' })
@ApiHeader({ name: 'Authorization', required: true, description: 'The Authorization value entered in the vendor console' })
@ApiOkResponse({
  description: 'Stored (or already stored): `processed`, `duplicate`, `conflict`, `unhandled`, `invalid` or `failed`',
  schema: { type: 'object', example: { status: 'processed', eventId: '0c8f5a36-1e0b-4f5e-9d51-8f3d2f0e7a11' } },
})
@ApiBadRequestResponse({ description: 'Malformed JSON, or an envelope field missing or invalid (each named); nothing stored' })
@ApiUnauthorizedResponse({ description: 'UserName/Authorization match no configured pair; nothing stored' })
@ApiPayloadTooLargeResponse({ description: 'Body over WEBHOOK_MAX_BODY; nothing stored' })
@ApiUnsupportedMediaTypeResponse({ description: 'Body not sent as JSON; nothing stored' })
@ApiServiceUnavailableResponse({ description: 'The database could not store the event; the vendor should re-send' })
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
