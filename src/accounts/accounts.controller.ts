import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiHistoryOf, ApiPageOf, ApiRecordOf } from '../common/api-docs.decorators';
import { PageQueryDto } from '../common/pagination/page';
import { AccountDetailView, AccountView } from './account.view';
import { AccountsQueryDto } from './accounts-query.dto';
import { AccountsService } from './accounts.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiPageOf(AccountView)
  @ApiOperation({ summary: 'WhatsApp Business Accounts and their latest review decision, newest first' })
  list(@Query() query: AccountsQueryDto) {
    return this.accounts.list(query);
  }

  @Get(':id')
  @ApiRecordOf(AccountDetailView, 'No account with that wabaId')
  @ApiOperation({ summary: "An account's latest review decision, by wabaId (its `history` field is deprecated: use /history)" })
  get(@Param('id') id: string) {
    return this.accounts.withHistory(id);
  }

  @Get(':id/history')
  @ApiHistoryOf(AccountView, 'No account with that wabaId')
  @ApiOperation({ summary: 'Every review event of the account, oldest first, late ones included' })
  history(@Param('id') id: string, @Query() page: PageQueryDto) {
    return this.accounts.history(id, page);
  }
}
