import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsQueryDto } from './accounts-query.dto';
import { AccountsService } from './accounts.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'WhatsApp Business Accounts and their latest review decision, newest first' })
  list(@Query() query: AccountsQueryDto) {
    return this.accounts.list(query);
  }

  @Get(':wabaId')
  @ApiOperation({ summary: "An account's latest review decision with its history, oldest first" })
  get(@Param('wabaId') wabaId: string) {
    return this.accounts.get(wabaId);
  }
}
