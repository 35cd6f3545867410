import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiHistoryOf, ApiPageOf, ApiRecordOf } from '../common/api-docs.decorators';
import { PageQueryDto } from '../common/pagination/page';
import { TemplateView } from './template.view';
import { TemplatesQueryDto } from './templates-query.dto';
import { TemplatesService } from './templates.service';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiPageOf(TemplateView)
  @ApiOperation({ summary: 'Templates, newest first; wabaId + name + language find one template' })
  list(@Query() query: TemplatesQueryDto) {
    return this.templates.list(query);
  }

  @Get(':id')
  @ApiRecordOf(TemplateView, 'No template with that id')
  @ApiOperation({ summary: "A template's latest state, by Meta's template id" })
  get(@Param('id') id: string) {
    return this.templates.get(id);
  }

  @Get(':id/history')
  @ApiHistoryOf(TemplateView, 'No template with that id')
  @ApiOperation({ summary: 'Every status event of the template, oldest first, late ones included' })
  history(@Param('id') id: string, @Query() page: PageQueryDto) {
    return this.templates.history(id, page);
  }
}
