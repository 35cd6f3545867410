import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsQueryDto } from './accounts-query.dto';
import { AccountsService } from './accounts.service';
import { ApiPage, ApiRecord } from '../common/api-docs.decorators';

const ACCOUNT_EXAMPLE = { wabaId: '200000000000001', accountName: 'IW100001', decision: 'APPROVED', eventTime: '2023-12-03T10:00:00.000Z' };

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiPage(ACCOUNT_EXAMPLE)
  @ApiOperation({ summary: 'WhatsApp Business Accounts and their latest review decision, newest first' })
  list(@Query() query: AccountsQueryDto) {
    return this.accounts.list(query);
  }

  @Get(':wabaId')
  @ApiRecord({ ...ACCOUNT_EXAMPLE, history: [{ ...ACCOUNT_EXAMPLE, decision: 'PENDING' }, ACCOUNT_EXAMPLE] }, 'No account with that wabaId')
  @ApiOperation({ summary: "An account's latest review decision with its history, oldest first" })
  get(@Param('wabaId') wabaId: string) {
    return this.accounts.get(wabaId);
  }
}
