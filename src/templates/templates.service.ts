import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { readPage, whereEqual } from '../common/pagination/page';
import { TemplateHistoryEntity } from './template-history.entity';
import { TemplateEntity } from './template.entity';
import { templateView } from './template.view';
import type { TemplatesQueryDto } from './templates-query.dto';

const FILTERS = [
  ['wabaId', 'wabaId'],
  ['name', 'templateName'],
  ['language', 'templateLanguage'],
  ['status', 'status'],
  ['category', 'category'],
] as const;

@Injectable()
export class TemplatesService {
  constructor(
    @InjectRepository(TemplateEntity) private readonly templates: Repository<TemplateEntity>,
    @InjectRepository(TemplateHistoryEntity) private readonly history: Repository<TemplateHistoryEntity>,
  ) {}

  list(query: TemplatesQueryDto) {
    const builder = whereEqual(this.templates.createQueryBuilder('template'), 'template', query, FILTERS);
    return readPage(builder, 'template', query, templateView);
  }

  async get(templateId: string) {
    const template = await this.templates.findOneBy({ templateId });
    if (!template) {
      throw new NotFoundException(`No template with id ${templateId}`);
    }
    return templateView(template);
  }

  async historyOf(templateId: string) {
    const events = await this.history.find({ where: { templateId }, order: { eventTime: 'ASC', seq: 'ASC' } });
    if (events.length === 0) {
      throw new NotFoundException(`No template with id ${templateId}`);
    }
    return { items: events.map(templateView) };
  }
}
