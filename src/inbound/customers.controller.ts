import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CustomersQueryDto } from './inbound-query.dto';
import { InboundService } from './inbound.service';
import { ApiPageOf, ApiRecordOf } from '../common/api-docs.decorators';
import { CustomerDetailResponseDto, CustomerResponseDto } from './inbound-response.dto';

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly inbound: InboundService) {}

  @Get()
  @ApiPageOf(CustomerResponseDto)
  @ApiOperation({ summary: 'Customers who wrote in, one per business account, newest first' })
  list(@Query() query: CustomersQueryDto) {
    return this.inbound.listCustomers(query);
  }

  @Get(':phone')
  @ApiRecordOf(CustomerDetailResponseDto, 'No customer with that phone')
  @ApiOperation({ summary: "A customer's latest profile name and message counts" })
  get(@Param('phone') phone: string) {
    return this.inbound.getCustomer(phone);
  }
}
