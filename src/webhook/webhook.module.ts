import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventBusModule } from '../event-bus/event-bus.module';
import { EventIngestionService } from './event-ingestion.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { WebhookEventConflictEntity } from './webhook-event-conflict.entity';
import { WebhookEventDroppedConflictsEntity } from './webhook-event-dropped-conflicts.entity';
import { WebhookEventEntity } from './webhook-event.entity';
import { WebhookEventIdEntity } from './webhook-event-id.entity';
import { WebhookController } from './webhook.controller';
import { WebhookCredentials } from './webhook-credentials';

/** The webhook core: receives, authenticates, validates and stores events, and serves them back. */
@Module({
  imports: [
    EventBusModule,
    TypeOrmModule.forFeature([WebhookEventEntity, WebhookEventIdEntity, WebhookEventConflictEntity, WebhookEventDroppedConflictsEntity]),
  ],
  controllers: [WebhookController, EventsController],
  providers: [EventIngestionService, EventsService, WebhookCredentials],
})
export class WebhookModule {}
