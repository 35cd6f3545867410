import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessageStatusEntity } from './message-status.entity';
import { MessageStatusHandler } from './message-status.handler';
import { MessageEntity } from './message.entity';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

/** Delivery state of the messages the company sent (`whatsapp_message_status_updated`). */
@Module({
  imports: [TypeOrmModule.forFeature([MessageEntity, MessageStatusEntity])],
  controllers: [MessagesController],
  providers: [MessageStatusHandler, MessagesService],
})
export class MessagesModule {}
