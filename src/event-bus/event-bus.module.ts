import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventBus } from './event-bus';
import { HandlerTransactionGuard } from './handler-transaction.guard';

@Module({
  imports: [DiscoveryModule],
  providers: [EventBus, HandlerTransactionGuard],
  exports: [EventBus],
})
export class EventBusModule {}
