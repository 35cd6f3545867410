import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';

/** The vendor's envelope around every event (id, type, eventTime, body); other fields are kept as sent. */
export class WebhookEnvelopeDto {
  @ApiProperty({ example: 'e5cb1bc6-ad90-419d-8f83-aa394c0b7cc7', description: 'Event id, unique per event' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @ApiProperty({ example: 'whatsapp_message_status_updated' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  type: string;

  @ApiProperty({ example: '2023-02-22 12:00:00', description: '`2023-02-22 12:00:00` (read in EVENT_TIME_ZONE) or ISO 8601' })
  @IsString()
  eventTime: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The payload of the event type' })
  @IsObject()
  body: Record<string, unknown>;
}

/** An envelope that passed validation, with its parsed time and the raw JSON it came as. */
export interface ReceivedEvent {
  id: string;
  type: string;
  eventTime: Date;
  body: Record<string, unknown>;
  raw: Record<string, unknown>;
}
