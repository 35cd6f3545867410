import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TemplateHistoryEntity } from './template-history.entity';
import { TemplateStatusHandler } from './template-status.handler';
import { TemplateEntity } from './template.entity';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/** Message templates and their review state (`whatsapp_template_status_updated`). */
@Module({
  imports: [TypeOrmModule.forFeature([TemplateEntity, TemplateHistoryEntity])],
  controllers: [TemplatesController],
  providers: [TemplateStatusHandler, TemplatesService],
})
export class TemplatesModule {}
