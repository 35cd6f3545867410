import type { TemplateHistoryEntity } from './template-history.entity';
import type { TemplateEntity } from './template.entity';

export function templateView(template: TemplateEntity | TemplateHistoryEntity) {
  return {
    templateId: template.templateId,
    name: template.templateName,
    language: template.templateLanguage,
    category: template.category,
    status: template.status,
    reason: template.reason,
    accountName: template.accountName,
    wabaId: template.wabaId,
    eventId: template.eventId,
    eventTime: template.eventTime,
  };
}
