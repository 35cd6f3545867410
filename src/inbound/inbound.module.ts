import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerEntity } from './customer.entity';
import { CustomersController } from './customers.controller';
import { InboundMessageEntity } from './inbound-message.entity';
import { InboundMessageHandler } from './inbound-message.handler';
import { InboundMessagesController } from './inbound-messages.controller';
import { InboundService } from './inbound.service';

/** Messages customers send to the business (`whatsapp_mo_message_received`), and the customers. */
@Module({
  imports: [TypeOrmModule.forFeature([InboundMessageEntity, CustomerEntity])],
  controllers: [InboundMessagesController, CustomersController],
  providers: [InboundMessageHandler, InboundService],
})
export class InboundModule {}
