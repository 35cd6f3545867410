import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersQueryDto } from './inbound-query.dto';
import { InboundService } from './inbound.service';
import { ApiPage, ApiRecord } from '../common/api-docs.decorators';

const CUSTOMER_EXAMPLE = {
  wabaId: '200000000000001',
  phone: '15550001111',
  name: 'Ana',
  firstSeenAt: '2023-02-22T11:59:58.000Z',
  lastSeenAt: '2023-02-23T09:00:00.000Z',
  messageCount: 3,
};

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly inbound: InboundService) {}

  @Get()
  @ApiPage(CUSTOMER_EXAMPLE)
  @ApiOperation({ summary: 'Customers who wrote in, one per business account, newest first' })
  list(@Query() query: CustomersQueryDto) {
    return this.inbound.listCustomers(query);
  }

  @Get(':phone')
  @ApiRecord(
    { phone: '15550001111', name: 'Ana', messageCount: 3, messagesByType: { text: 2, image: 1 }, accounts: [CUSTOMER_EXAMPLE] },
    'No customer with that phone',
  )
  @ApiOperation({ summary: "A customer's latest profile name and message counts" })
  get(@Param('phone') phone: string) {
    return this.inbound.getCustomer(phone);
  }
}
