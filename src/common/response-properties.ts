import { ApiProperty } from '@nestjs/swagger';

/** A timestamp as every answer writes it: ISO 8601 in UTC. */
export const TimeProperty = (description?: string, example = '2023-02-22T12:00:00.000Z') =>
  ApiProperty({ type: String, format: 'date-time', example, description });

export const NullableTimeProperty = (description?: string, example: string | null = '2023-02-22T12:00:00.000Z') =>
  ApiProperty({ type: String, format: 'date-time', nullable: true, example, description });

export const NullableTextProperty = (description?: string, example?: string | null) => ApiProperty({ type: String, nullable: true, example, description });
