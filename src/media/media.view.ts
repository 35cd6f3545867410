import type { InboundMediaEntity } from './inbound-media.entity';
import type { MediaResponseDto } from './media-response.dto';

/** `media` of an inbound media message in the API. */
export function mediaView(media: InboundMediaEntity): MediaResponseDto {
  return {
    state: media.state,
    bytes: media.bytes === null ? null : Number(media.bytes),
    mimeType: media.mimeType,
    storedAt: media.storedAt,
    attempts: media.attempts,
    error: media.error,
  };
}
