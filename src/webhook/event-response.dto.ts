import { ApiProperty } from '@nestjs/swagger';
import { NullableTextProperty, NullableTimeProperty, TimeProperty } from '../common/response-properties';
import { EVENT_STATES, type EventState } from './webhook-event.entity';

const INGEST_STATUSES = [...EVENT_STATES, 'duplicate', 'conflict'] as const;

/** The webhook's answer: what became of the event. */
export class WebhookAnswerDto {
  @ApiProperty({
    enum: INGEST_STATUSES,
    description:
      'processed: stored and handled; duplicate: already stored, nothing changed; conflict: the id was stored with other content, both kept; ' +
      'unhandled: no module owns the type; invalid: the body failed validation; failed: the handler failed. All are stored and can be replayed.',
    example: 'processed',
  })
  status: (typeof INGEST_STATUSES)[number];

  @ApiProperty({ example: '0c8f5a36-1e0b-4f5e-9d51-8f3d2f0e7a11' })
  eventId: string;
}

export class ValidationReasonDto {
  @ApiProperty({ description: 'the field of the body, as a path', example: 'body.status' })
  field: string;

  @ApiProperty({ type: [String], example: ['status must be a string'] })
  problems: string[];
}

/** A stored event, without its payload. */
export class EventResponseDto {
  @ApiProperty({ example: '0c8f5a36-1e0b-4f5e-9d51-8f3d2f0e7a11' })
  id: string;

  @ApiProperty({ example: 'whatsapp_message_status_updated' })
  type: string;

  @TimeProperty('the event time the vendor gave (EVENT_TIME_ZONE when it had no zone)')
  eventTime: Date;

  @TimeProperty('when the service stored it', '2023-02-22T12:00:00.210Z')
  receivedAt: Date;

  @ApiProperty({ enum: EVENT_STATES, example: 'processed' })
  state: EventState;

  @ApiProperty({ type: [ValidationReasonDto], nullable: true, description: 'why the body is invalid (state invalid only)' })
  reasons: ValidationReasonDto[] | null;

  @NullableTextProperty("the handler's error (state failed only)", null)
  error: string | null;

  @ApiProperty({ description: 'how often it was handled, replays included', example: 1 })
  attempts: number;

  @NullableTimeProperty('when it was last handled successfully', '2023-02-22T12:00:00.214Z')
  processedAt: Date | null;
}

export class ConflictingVersionDto {
  @TimeProperty('when this other version arrived')
  receivedAt: Date;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the other version, exactly as received' })
  payload: Record<string, unknown>;
}

/** A stored event with its raw payload and every conflicting version. */
export class EventDetailResponseDto extends EventResponseDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the envelope exactly as received',
    example: { id: '0c8f5a36-1e0b-4f5e-9d51-8f3d2f0e7a11', type: 'whatsapp_message_status_updated', eventTime: '2023-02-22 12:00:00', body: {} },
  })
  payload: Record<string, unknown>;

  @ApiProperty({ type: [ConflictingVersionDto], description: 'the first MAX_CONFLICT_VERSIONS other versions received under this id' })
  conflicts: ConflictingVersionDto[];

  @ApiProperty({ description: 'further conflicting versions, counted but not kept', example: 0 })
  conflictsNotKept: number;
}
