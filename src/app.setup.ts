import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AppModule, type AppOptions } from './app.module';

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
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('WhatsApp webhook receiver')
      .setDescription('Receives the messaging vendor\'s WhatsApp Business webhooks and answers queries about what they said.')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
