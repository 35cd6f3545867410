import { HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { validateSync } from 'class-validator';
import { parseEventTime } from '../common/event-time.util';
import { Environment } from '../config/environment';
import { unstorableJsonReason } from './storable-json.util';
import { WebhookEnvelopeDto, type ReceivedEvent } from './webhook-envelope.dto';

function refuse(fields: Record<string, string[]>): never {
  throw new ApiError(HttpStatus.BAD_REQUEST, 'invalid_envelope', 'Invalid webhook envelope', { fields });
}

/** Checks the envelope (id, type, eventTime, body) and reads its time; the raw JSON stays whole for the event store. */
@Injectable()
export class WebhookEnvelopePipe implements PipeTransform<unknown, ReceivedEvent> {
  constructor(private readonly environment: Environment) {}

  transform(raw: unknown): ReceivedEvent {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      refuse({ envelope: ['must be a JSON object with id, type, eventTime and body'] });
    }
    const unstorable = unstorableJsonReason(raw);
    if (unstorable) {
      refuse({ envelope: [unstorable] });
    }
    // Only the four envelope fields are checked: no deep copy of the body, which its module validates.
    const { id, type, eventTime: time, body } = raw as Record<string, unknown>;
    const envelope = Object.assign(new WebhookEnvelopeDto(), { id, type, eventTime: time, body });
    const fields: Record<string, string[]> = {};
    for (const error of validateSync(envelope)) {
      fields[error.property] = Object.values(error.constraints ?? {});
    }
    const eventTime = typeof envelope.eventTime === 'string' ? parseEventTime(envelope.eventTime, this.environment.EVENT_TIME_ZONE) : undefined;
    if (!eventTime && !fields.eventTime) {
      fields.eventTime = ['eventTime must look like 2023-02-22 12:00:00 or 2023-02-22T12:00:00.000Z'];
    }
    if (Object.keys(fields).length > 0 || !eventTime) {
      refuse(fields);
    }
    return { id: envelope.id, type: envelope.type, eventTime, body: envelope.body, raw: raw as Record<string, unknown> };
  }
}
