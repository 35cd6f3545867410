import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TemplatesQueryDto } from './templates-query.dto';
import { TemplatesService } from './templates.service';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: 'Templates, newest first; wabaId + name + language find one template' })
  list(@Query() query: TemplatesQueryDto) {
    return this.templates.list(query);
  }

  @Get(':templateId')
  @ApiOperation({ summary: "A template's latest state, by Meta's template id" })
  get(@Param('templateId') templateId: string) {
    return this.templates.get(templateId);
  }

  @Get(':templateId/history')
  @ApiOperation({ summary: "Every status event of the template, oldest first" })
  history(@Param('templateId') templateId: string) {
    return this.templates.historyOf(templateId);
  }
}
