import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventBusModule } from '../event-bus/event-bus.module';
import { AttemptEntity } from './attempt.entity';
import { DeliveryPruner } from './delivery-pruner.service';
import { DeliveryRelay } from './delivery-relay.service';
import { DeliveryWorker } from './delivery-worker.service';
import { DeliveryEntity } from './delivery.entity';
import { DestinationEntity } from './destination.entity';
import { ForwardBatchEntity } from './forward-batch.entity';
import { DestinationsController } from './destinations.controller';
import { DestinationsService } from './destinations.service';
import { ForwardingOutbox } from './forwarding-outbox';
import { ForwardingMetrics } from './forwarding.metrics';
import { IngestPressure } from './ingest-pressure';

/** Forwarding: the company's own services get every stored event they ask for, signed, retried and replayable. */
@Module({
  imports: [EventBusModule, TypeOrmModule.forFeature([DestinationEntity, DeliveryEntity, ForwardBatchEntity, AttemptEntity])],
  controllers: [DestinationsController],
  providers: [DestinationsService, ForwardingOutbox, DeliveryRelay, DeliveryWorker, DeliveryPruner, ForwardingMetrics, IngestPressure],
})
export class DestinationsModule {}
