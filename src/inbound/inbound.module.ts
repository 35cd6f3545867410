import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerEntity } from './customer.entity';
import { CustomersController } from './customers.controller';
import { InboundMessageEntity } from './inbound-message.entity';
import { InboundMessageHandler } from './inbound-message.handler';
import { InboundMessagesController } from './inbound-messages.controller';
import { InboundService } from './inbound.service';
import { MediaModule } from '../media/media.module';

/** Messages customers send to the business (`whatsapp_mo_message_received`), the customers, and the files they send (media). */
@Module({
  imports: [TypeOrmModule.forFeature([InboundMessageEntity, CustomerEntity]), MediaModule],
  controllers: [InboundMessagesController, CustomersController],
  providers: [InboundMessageHandler, InboundService],
})
export class InboundModule {}
