import { ApiProperty } from '@nestjs/swagger';
import { NullableTextProperty, NullableTimeProperty } from '../common/response-properties';
import { MEDIA_STATES, type MediaState } from './inbound-media.entity';

/** The file of an inbound media message, as the service keeps it. */
export class MediaResponseDto {
  @ApiProperty({
    enum: MEDIA_STATES,
    description: 'pending until downloaded and checked; not_configured while its account has no API password',
    example: 'stored',
  })
  state: MediaState;

  @ApiProperty({ type: Number, nullable: true, description: 'size of the stored file', example: 48213 })
  bytes: number | null;

  @NullableTextProperty('content type of the stored file', 'image/jpeg')
  mimeType: string | null;

  @NullableTimeProperty('when the file was stored')
  storedAt: Date | null;

  @ApiProperty({ description: 'download attempts made', example: 1 })
  attempts: number;

  @NullableTextProperty('why the last attempt failed', null)
  error: string | null;
}
