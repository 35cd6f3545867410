import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TemplatesQueryDto } from './templates-query.dto';
import { TemplatesService } from './templates.service';
import { ApiPage, ApiRecord } from '../common/api-docs.decorators';

const TEMPLATE_EXAMPLE = {
  templateId: '998961841525295',
  name: 'transland_common_otp',
  language: 'en_US',
  category: 'AUTHENTICATION',
  status: 'APPROVED',
  reason: 'NONE',
  accountName: 'IW2267527',
  wabaId: '110129512080569',
  eventTime: '2023-10-16T13:04:57.644Z',
};

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiPage(TEMPLATE_EXAMPLE)
  @ApiOperation({ summary: 'Templates, newest first; wabaId + name + language find one template' })
  list(@Query() query: TemplatesQueryDto) {
    return this.templates.list(query);
  }

  @Get(':templateId')
  @ApiRecord(TEMPLATE_EXAMPLE, 'No template with that id')
  @ApiOperation({ summary: "A template's latest state, by Meta's template id" })
  get(@Param('templateId') templateId: string) {
    return this.templates.get(templateId);
  }

  @Get(':templateId/history')
  @ApiRecord({ items: [TEMPLATE_EXAMPLE] }, 'No template with that id')
  @ApiOperation({ summary: 'Every status event of the template, oldest first' })
  history(@Param('templateId') templateId: string) {
    return this.templates.historyOf(templateId);
  }
}
