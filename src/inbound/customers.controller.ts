import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersQueryDto } from './inbound-query.dto';
import { InboundService } from './inbound.service';

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly inbound: InboundService) {}

  @Get()
  @ApiOperation({ summary: 'Customers who wrote in, one per business account, newest first' })
  list(@Query() query: CustomersQueryDto) {
    return this.inbound.listCustomers(query);
  }

  @Get(':phone')
  @ApiOperation({ summary: "A customer's latest profile name and message counts" })
  get(@Param('phone') phone: string) {
    return this.inbound.getCustomer(phone);
  }
}
