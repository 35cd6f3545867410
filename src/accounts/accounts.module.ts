import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountHistoryEntity } from './account-history.entity';
import { AccountReviewHandler } from './account-review.handler';
import { AccountEntity } from './account.entity';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';

/** WhatsApp Business Account reviews (`whatsapp_account_review_updated`). */
@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity, AccountHistoryEntity])],
  controllers: [AccountsController],
  providers: [AccountReviewHandler, AccountsService],
})
export class AccountsModule {}
