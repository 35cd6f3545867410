import type { InboundMediaEntity } from './inbound-media.entity';

/** `media` of an inbound media message in the API. */
export function mediaView(media: InboundMediaEntity) {
  return {
    state: media.state,
    bytes: media.bytes === null ? null : Number(media.bytes),
    mimeType: media.mimeType,
    storedAt: media.storedAt,
    attempts: media.attempts,
    error: media.error,
  };
}
