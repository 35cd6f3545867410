import { Body, Controller, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiAuthFailureLimit, errorSchema } from '../common/api-docs.decorators';
import { OpenToPublic } from '../common/api-token.guard';
import { EventIngestionService, type IngestOutcome } from './event-ingestion.service';
import { WebhookAuthGuard } from './webhook-auth.guard';
import { WebhookAnswerDto } from './event-response.dto';
import { WebhookEnvelopeDto, type ReceivedEvent } from './webhook-envelope.dto';
import { WebhookEnvelopePipe } from './webhook-envelope.pipe';

/** The names, in /docs, of the two headers the vendor sends (both are required together). */
export const WEBHOOK_USERNAME_SCHEME = 'webhookUserName';
export const WEBHOOK_AUTHORIZATION_SCHEME = 'webhookAuthorization';

/** The answer's shape, so Fastify writes it with a serializer compiled once instead of JSON.stringify per request. */
const ANSWER = {
  response: {
    200: {
      type: 'object',
      properties: { status: { type: 'string' }, eventId: { type: 'string' } },
      required: ['status', 'eventId'],
      additionalProperties: false,
    },
  },
};

@ApiTags('webhook')
@ApiSecurity({ [WEBHOOK_USERNAME_SCHEME]: [], [WEBHOOK_AUTHORIZATION_SCHEME]: [] })
@ApiBadRequestResponse({
  description:
    'Malformed JSON (`invalid_json`), nested deeper than 32 levels (`json_too_deep`), over 100 000 keys (`json_too_many_keys`), a `__proto__` or `constructor` key (`prototype_key`), or an envelope field missing or invalid (`invalid_envelope`, each named in `fields`); nothing stored',
  schema: errorSchema({ statusCode: 400, code: 'invalid_envelope', message: 'Invalid webhook envelope' }),
})
@ApiUnauthorizedResponse({
  description: 'UserName/Authorization missing, sent twice, or matching no configured pair; refused before the body is read, nothing stored',
  schema: errorSchema({ statusCode: 401, code: 'unauthorized', message: 'Missing, repeated or wrong UserName/Authorization headers' }),
})
@ApiAuthFailureLimit()
@ApiPayloadTooLargeResponse({
  description: 'Body over WEBHOOK_MAX_BODY; nothing stored',
  schema: errorSchema({ statusCode: 413, code: 'payload_too_large', message: 'Request body is too large' }),
})
@ApiUnsupportedMediaTypeResponse({
  description: 'Body not sent as `application/json`; nothing stored',
  schema: errorSchema({ statusCode: 415, code: 'unsupported_media_type', message: 'Unsupported Media Type' }),
})
@ApiServiceUnavailableResponse({
  description: 'The database could not store the event; the vendor should re-send',
  schema: errorSchema({ statusCode: 503, code: 'service_unavailable', message: 'The event could not be stored; please retry' }),
})
@OpenToPublic()
@UseGuards(WebhookAuthGuard)
@Controller('webhooks/whatsapp')
export class WebhookController {
  constructor(private readonly ingestion: EventIngestionService) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookAnswerDto, description: 'Stored (or already stored); the status says what became of it' })
  @RouteSchema(ANSWER)
  @ApiOperation({ summary: 'The callback URL: stores the event once and hands it to its module' })
  @ApiBody({ type: WebhookEnvelopeDto })
  receive(@Body(WebhookEnvelopePipe) event: ReceivedEvent): Promise<IngestOutcome> {
    return this.ingestion.receive(event);
  }

  @Put()
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookAnswerDto, description: 'Stored (or already stored); the status says what became of it' })
  @RouteSchema(ANSWER)
  @ApiOperation({ summary: 'The same callback, for a vendor configured to use PUT' })
  @ApiBody({ type: WebhookEnvelopeDto })
  receiveByPut(@Body(WebhookEnvelopePipe) event: ReceivedEvent): Promise<IngestOutcome> {
    return this.ingestion.receive(event);
  }
}
