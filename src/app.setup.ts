import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppModule, type AppOptions } from './app.module';
import { EventBus } from './event-bus/event-bus';
import { documentWebhookExamples } from './webhook/webhook-examples';

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
    void reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'The URL contains a NUL character or invalid percent-encoding' });
    return;
  }
  done();
}

/** Builds the application exactly as production runs it; tests call this too. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.environment.maxBodyBytes,
    // Every log line of a request carries this id: the caller's X-Request-Id, or a new UUID.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Requests never wait forever on a slow client.
    requestTimeout: 30_000,
    connectionTimeout: 30_000,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, { bufferLogs: true });
  // Fastify reads text/plain bodies by default; every endpoint here speaks JSON, anything else is 415.
  adapter.getInstance().removeContentTypeParser('text/plain');
  adapter.getInstance().addHook('onRequest', refuseUnstorableUrls);
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('WhatsApp webhook receiver')
      .setDescription("Receives the messaging vendor's WhatsApp Business webhooks and answers queries about what they said.")
      .addBearerAuth()
      .build(),
  );
  documentWebhookExamples(document, app.get(EventBus).examples());
  SwaggerModule.setup('docs', app, document);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
