import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LatestStateRecords } from '../common/latest-state/latest-state.records';
import { TemplateHistoryEntity } from './template-history.entity';
import { TemplateEntity } from './template.entity';
import { templateView, type TemplateView } from './template.view';
import type { TemplatesQueryDto } from './templates-query.dto';

@Injectable()
export class TemplatesService extends LatestStateRecords<TemplateEntity, TemplateHistoryEntity, TemplateView, TemplatesQueryDto> {
  constructor(
    @InjectRepository(TemplateEntity) templates: Repository<TemplateEntity>,
    @InjectRepository(TemplateHistoryEntity) history: Repository<TemplateHistoryEntity>,
  ) {
    super({
      state: templates,
      history,
      key: 'templateId',
      noun: 'template',
      present: templateView,
      filters: [
        ['wabaId', 'wabaId'],
        ['name', 'templateName'],
        ['language', 'templateLanguage'],
        ['status', 'status'],
        ['category', 'category'],
      ],
    });
  }
}
