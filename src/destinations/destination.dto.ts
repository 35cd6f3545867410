import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { PageQueryDto } from '../common/pagination/page';
import { OptionalTimestamp } from '../common/query.decorators';
import { DELIVERY_STATES, type DeliveryState } from './delivery.entity';

const URL_RULES = { protocols: ['http', 'https'], require_protocol: true, require_tld: false, disallow_auth: true };
const URL_MESSAGE = 'url must be an http:// or https:// URL without user name or password';

/** POST /destinations */
export class CreateDestinationDto {
  @ApiProperty({ example: 'https://crm.example.com/hooks/whatsapp', description: 'http or https; redirects are not followed' })
  @IsUrl(URL_RULES, { message: URL_MESSAGE })
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['whatsapp_message_status_updated'],
    description: 'The event types to forward; omitted or null: every type',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  eventTypes?: string[] | null;

  @ApiPropertyOptional({ default: false, description: 'Also forward events no module handles (stored as unhandled)' })
  @IsOptional()
  @IsBoolean()
  includeUnhandled?: boolean;

  @ApiPropertyOptional({ example: 'CRM: message statuses' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

/** PATCH /destinations/:id: only the fields given change, each checked as on creation. */
export class UpdateDestinationDto extends PartialType(CreateDestinationDto) {
  @ApiPropertyOptional({ description: 'true also resumes a destination the service disabled, and tries its waiting deliveries at once' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** POST /destinations/:id/replay */
export class ReplayDto {
  @ApiProperty({ example: '2026-11-28T00:00:00Z', description: 'Every matching event with an event time from here on is sent again (ISO 8601)' })
  @IsDateString({ strict: true })
  since: string;
}

/** GET /destinations/:id/deliveries */
export class DeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATES })
  @IsOptional()
  @IsIn(DELIVERY_STATES)
  state?: DeliveryState;
}

/** GET /destinations/:id/attempts-per-minute */
export class AttemptsPerMinuteQueryDto {
  @OptionalTimestamp({ description: 'inclusive lower bound (default: an hour before `until`); at most 24 hours before `until`' })
  since?: string;

  @OptionalTimestamp({ description: 'exclusive upper bound (default: now)' })
  until?: string;
}
