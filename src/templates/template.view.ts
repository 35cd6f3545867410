import { ApiProperty } from '@nestjs/swagger';
import type { TemplateHistoryEntity } from './template-history.entity';
import type { TemplateEntity } from './template.entity';

/** A template's state as one status event left it: the latest state, or one history entry. */
export class TemplateView {
  @ApiProperty({ example: '998961841525295', description: "Meta's template id" })
  templateId: string;

  @ApiProperty({ type: String, nullable: true, example: 'transland_common_otp' })
  name: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'en_US' })
  language: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'AUTHENTICATION' })
  category: string | null;

  @ApiProperty({ example: 'APPROVED' })
  status: string;

  @ApiProperty({ type: String, nullable: true, example: 'NONE' })
  reason: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'IW2267527' })
  accountName: string | null;

  @ApiProperty({ type: String, nullable: true, example: '110129512080569' })
  wabaId: string | null;

  @ApiProperty({ example: 'fd201190-50dc-4151-baec-1d16c8a704e1', description: 'the event this state comes from' })
  eventId: string;

  @ApiProperty({ example: '2023-10-16T13:04:57.644Z' })
  eventTime: Date;
}

export function templateView(template: TemplateEntity | TemplateHistoryEntity): TemplateView {
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
