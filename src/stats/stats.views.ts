import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { BUCKET_WIDTHS, type BucketWidth } from './stats-bucket.columns';

/** The answer's window: the bucket width and the range it covers (since is the first bucket's start). */
abstract class StatsWindowView {
  @ApiProperty({ enum: BUCKET_WIDTHS, example: 'minute' })
  bucket: BucketWidth;

  @ApiProperty({ example: '2023-02-22T11:00:00.000Z' })
  since: Date;

  @ApiProperty({ example: '2023-02-22T12:00:00.000Z' })
  until: Date;
}

/** Every bucket start of the window: the x axis every series is aligned on. */
const BUCKETS: ApiPropertyOptions = { example: ['2023-02-22T11:58:00.000Z', '2023-02-22T11:59:00.000Z'], type: [Date] };

export class EventSeriesView {
  @ApiProperty({ example: 'whatsapp_message_status_updated' })
  type: string;

  @ApiProperty({
    example: 'processed',
    description:
      'the state the events are in now (processed, unhandled, invalid, failed; a replay moves them), or the answer to a re-delivery (duplicate, conflict)',
  })
  outcome: string;

  @ApiProperty({ example: [1200, 1187], type: [Number], description: 'events in each bucket of `buckets`' })
  counts: number[];

  @ApiProperty({ example: 2387, description: 'events in the window' })
  total: number;
}

export class EventCountsView extends StatsWindowView {
  @ApiProperty(BUCKETS)
  buckets: Date[];

  @ApiProperty({ type: [EventSeriesView], description: 'one series per type and outcome that had events in the window' })
  series: EventSeriesView[];
}

export class FunnelPointView {
  @ApiProperty({ example: '2023-02-22T11:58:00.000Z', description: 'messages first seen in this bucket' })
  bucketStart: Date;

  @ApiProperty({ example: 100 })
  messages: number;

  @ApiProperty({ example: 95, description: 'delivered or read' })
  delivered: number;

  @ApiProperty({ example: 60 })
  read: number;

  @ApiProperty({ example: 3, description: 'failed and not delivered since' })
  failed: number;

  @ApiProperty({ example: 2, description: 'sent, nothing since' })
  pending: number;

  @ApiProperty({ example: 0.95, nullable: true, type: Number })
  deliveredRate: number | null;

  @ApiProperty({ example: 0.6, nullable: true, type: Number })
  readRate: number | null;

  @ApiProperty({ example: 0.03, nullable: true, type: Number })
  failedRate: number | null;
}

export class MessageFunnelView extends StatsWindowView {
  @ApiProperty({ type: [FunnelPointView], description: 'buckets with messages, oldest first' })
  items: FunnelPointView[];

  @ApiProperty({ type: FunnelPointView, description: 'the whole window (bucketStart is its start)' })
  total: FunnelPointView;
}

export class FailureReasonView {
  @ApiProperty({ example: '131026', description: "Meta's error code ('' when none was sent)" })
  code: string;

  @ApiProperty({ example: 'Message undeliverable' })
  message: string;

  @ApiProperty({ example: 42, description: 'failure reports received in the window' })
  count: number;

  @ApiProperty({ example: '400000000000000001', description: 'a message that failed this way (the latest one)' })
  exampleMessageId: string;
}

export class FailureReasonsView extends StatsWindowView {
  @ApiProperty({ type: [FailureReasonView], description: 'most frequent first' })
  items: FailureReasonView[];
}

export class InboundSeriesView {
  @ApiProperty({ example: 'text' })
  type: string;

  @ApiProperty({ example: [17, 12], type: [Number], description: 'messages in each bucket of `buckets`' })
  counts: number[];

  @ApiProperty({ example: 29, description: 'messages in the window' })
  total: number;
}

export class InboundCountsView extends StatsWindowView {
  @ApiProperty(BUCKETS)
  buckets: Date[];

  @ApiProperty({ type: [InboundSeriesView], description: 'one series per message type that had messages in the window' })
  series: InboundSeriesView[];
}

export class CurrentCountsView {
  @ApiProperty({ example: { APPROVED: 12, PENDING: 2, REJECTED: 1 }, description: 'templates by current status' })
  templates: Record<string, number>;

  @ApiProperty({ example: { APPROVED: 3 }, description: 'accounts by current review decision' })
  accounts: Record<string, number>;

  @ApiProperty({ example: { APPROVED: 4, DEFERRED: 1 }, description: 'phone numbers by current display-name decision' })
  phoneNumbers: Record<string, number>;
}
