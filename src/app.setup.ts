import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { AppModule, type AppOptions } from './app.module';
import { EventBus } from './event-bus/event-bus';
import { ApiError, type ErrorBody } from './common/api-error';
import { AppLogger } from './common/app-logger';
import { AuthFailureLimiter } from './common/auth-failure-limiter';
import { parseJsonBody } from './common/json-body.parser';
import { sendSecurityHeaders } from './common/security-headers';
import { cacheValidationMetadata } from './common/validation-metadata.cache';
import { logEachRequest } from './common/request-log.hook';
import { acceptableRequestId } from './common/request-log.util';
import { logOptions, logStream } from './config/log-output';
import type { TrustProxy } from './config/trust-proxy.util';
import { serveConsole } from './console/console.setup';
import { MAX_JSON_DEPTH } from './webhook/storable-json.util';
import { documentWebhookExamples } from './webhook/webhook-examples';
import { WebhookCredentials } from './webhook/webhook-credentials';
import { refuseUnauthenticatedWebhooks } from './webhook/webhook-early-auth.hook';

/** Most object keys in one JSON body: far above any vendor event, far below what 1 MiB can hold. */
export const MAX_JSON_KEYS = 100_000;
import { WEBHOOK_AUTHORIZATION_SCHEME, WEBHOOK_USERNAME_SCHEME } from './webhook/webhook.controller';

/**
 * Path and query values end up as PostgreSQL text parameters, which cannot hold NUL characters
 * or unpaired surrogates: such a URL is refused with 400 before it reaches a controller.
 */
function refuseUnstorableUrls(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(request.url.replace(/\+/g, ' '));
  } catch {
    decoded = '\u0000';
  }
  if (decoded.includes('\u0000') || !decoded.isWellFormed()) {
    void reply
      .code(400)
      .send({ statusCode: 400, code: 'invalid_url', message: 'The URL contains a NUL character or invalid percent-encoding' } satisfies ErrorBody);
    return;
  }
  done();
}

/** Query and path DTOs that fail validation: 400 naming each bad parameter and what it must be. */
function invalidQuery(errors: ValidationError[]): ApiError {
  const fields = Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
  return new ApiError(HttpStatus.BAD_REQUEST, 'invalid_query', Object.values(fields).flat(), { fields });
}

/** Answers carry people's names and phone numbers: no cache may keep them. */
function forbidCaching(_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void): void {
  const type = reply.getHeader('content-type');
  if (typeof type === 'string' && type.startsWith('application/json') && !reply.hasHeader('cache-control')) {
    void reply.header('Cache-Control', 'no-store');
  }
  done(null, payload);
}

/** A hop count becomes the function Fastify would make of it (its typings take no number). */
function fastifyTrustProxy(setting: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/** Builds the application exactly as production runs it; tests call this too. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const { environment } = options;
  cacheValidationMetadata();
  const logger = pino(logOptions(environment.LOG_LEVEL), logStream(environment.LOG_FORMAT, options.logDestination));
  const adapter = new FastifyAdapter({
    bodyLimit: environment.maxBodyBytes,
    trustProxy: fastifyTrustProxy(environment.trustProxy),
    // Every log line of a request carries this id: the caller's X-Request-Id when it is short and plain, or a new UUID.
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => acceptableRequestId(request.headers['x-request-id']) ?? randomUUID(),
    // Requests never wait forever on a slow client.
    requestTimeout: 30_000,
    connectionTimeout: 30_000,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
    bodyParser: false,
    // A failure while building the app is thrown to the caller (which says it in one line), not
    // answered with an abort and a burst of buffered framework lines.
    abortOnError: false,
    autoFlushLogs: false,
  });
  const fastify = adapter.getInstance();
  // Every endpoint here speaks JSON; any other content type is answered 415 unread.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: environment.maxBodyBytes },
    parseJsonBody({ maxDepth: MAX_JSON_DEPTH, maxKeys: MAX_JSON_KEYS }),
  );
  fastify.addHook('onRequest', sendSecurityHeaders());
  fastify.addHook('onRequest', refuseUnstorableUrls);
  fastify.addHook('onRequest', refuseUnauthenticatedWebhooks(app.get(WebhookCredentials), app.get(AuthFailureLimiter)));
  fastify.addHook('onSend', forbidCaching);
  fastify.addHook('onResponse', logEachRequest(logger));
  app.useLogger(new AppLogger(logger));
  // Automatic flushing is off (see above): hand the lines buffered so far to the logger, and stop buffering.
  app.flushLogs();
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: invalidQuery }));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('WhatsApp webhook receiver')
      .setDescription("Receives the messaging vendor's WhatsApp Business webhooks and answers queries about what they said.")
      // The API token is an opaque string, not a JWT.
      .addSecurity('bearer', { type: 'http', scheme: 'bearer', description: 'API_TOKEN (`npm run --silent token` prints it)' })
      // Swagger UI never sends a header parameter named Authorization: the webhook's two headers are security schemes.
      .addApiKey({ type: 'apiKey', in: 'header', name: 'UserName', description: 'WEBHOOK_USERNAME' }, WEBHOOK_USERNAME_SCHEME)
      .addApiKey(
        { type: 'apiKey', in: 'header', name: 'Authorization', description: 'WEBHOOK_AUTHORIZATION, the whole header value' },
        WEBHOOK_AUTHORIZATION_SCHEME,
      )
      .build(),
  );
  documentWebhookExamples(document, app.get(EventBus).examples());
  SwaggerModule.setup('docs', app, document);
  serveConsole(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
