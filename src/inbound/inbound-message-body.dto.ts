import { OptionalText } from '../common/dto.decorators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDateString,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

export class CustomerProfileDto {
  @OptionalText()
  name?: string;
}

export class ContextDto {
  @OptionalText()
  from?: string;

  @OptionalText()
  id?: string;
}

export class TextContentDto {
  @IsString()
  body: string;
}

export class ReactionContentDto {
  @IsString()
  @IsNotEmpty()
  messageId: string;

  /** Empty or absent when the customer removed a reaction. */
  @OptionalText()
  emoji?: string;
}

export class MediaContentDto {
  @IsString()
  @IsNotEmpty()
  link: string;

  @OptionalText()
  mimeType?: string;

  @OptionalText()
  sha256?: string;

  @OptionalText()
  caption?: string;

  @OptionalText()
  filename?: string;
}

export class LocationContentDto {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude: number;

  @OptionalText()
  name?: string;

  @OptionalText()
  address?: string;
}

/** A shared contact card; its parts are kept whole, only their shape is checked. */
export class ContactCardDto {
  @IsOptional()
  @IsObject()
  name?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  phones?: Record<string, unknown>[];

  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  emails?: Record<string, unknown>[];

  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  addresses?: Record<string, unknown>[];

  @IsOptional()
  @IsObject()
  org?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  urls?: Record<string, unknown>[];

  @OptionalText()
  birthday?: string;
}

export class ButtonContentDto {
  @IsString()
  text: string;

  @OptionalText()
  payload?: string;
}

export class ReplyChoiceDto {
  @IsString()
  id: string;

  @IsString()
  title: string;

  @OptionalText()
  description?: string;
}

export class InteractiveContentDto {
  @IsString()
  type: string;

  @ValidateIf((content: InteractiveContentDto) => content.type === 'listReply')
  @IsDefined()
  @ValidateNested()
  @Type(() => ReplyChoiceDto)
  listReply?: ReplyChoiceDto;

  @ValidateIf((content: InteractiveContentDto) => content.type === 'buttonReply')
  @IsDefined()
  @ValidateNested()
  @Type(() => ReplyChoiceDto)
  buttonReply?: ReplyChoiceDto;
}

export class UnsupportedErrorDto {
  @IsInt()
  code: number;

  @OptionalText()
  title?: string;

  @OptionalText()
  details?: string;
}

const ofType =
  (...types: string[]) =>
  (body: InboundMessageBodyDto) =>
    types.includes(body.type);

/**
 * Body of `whatsapp_mo_message_received`. `type` names the object holding the
 * content; that object must be there and well formed. Types not listed here are kept whole.
 */
export class InboundMessageBodyDto {
  @ApiProperty({ example: '64a000000000000000000001', description: "The vendor's message id" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @ApiProperty({ example: 'text' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  type: string;

  @ApiProperty({ example: '15550001111', description: "The customer's phone" })
  @IsString()
  @IsNotEmpty()
  from: string;

  @OptionalText({ example: '15550002222', description: "The business's phone" })
  to?: string;

  @OptionalText()
  accountName?: string;

  @OptionalText()
  wabaId?: string;

  @OptionalText()
  wamid?: string;

  @ApiPropertyOptional({ example: '2023-02-22T11:59:58.000Z' })
  @IsOptional()
  @IsDateString()
  sendTime?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerProfileDto)
  customerProfile?: CustomerProfileDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContextDto)
  context?: ContextDto;

  @ValidateIf(ofType('text'))
  @IsObject()
  @ValidateNested()
  @Type(() => TextContentDto)
  text?: TextContentDto;

  @ValidateIf(ofType('reaction'))
  @IsObject()
  @ValidateNested()
  @Type(() => ReactionContentDto)
  reaction?: ReactionContentDto;

  @ValidateIf(ofType('image'))
  @IsObject()
  @ValidateNested()
  @Type(() => MediaContentDto)
  image?: MediaContentDto;

  @ValidateIf(ofType('sticker'))
  @IsObject()
  @ValidateNested()
  @Type(() => MediaContentDto)
  sticker?: MediaContentDto;

  @ValidateIf(ofType('video'))
  @IsObject()
  @ValidateNested()
  @Type(() => MediaContentDto)
  video?: MediaContentDto;

  @ValidateIf(ofType('audio'))
  @IsObject()
  @ValidateNested()
  @Type(() => MediaContentDto)
  audio?: MediaContentDto;

  @ValidateIf(ofType('document'))
  @IsObject()
  @ValidateNested()
  @Type(() => MediaContentDto)
  document?: MediaContentDto;

  @ValidateIf(ofType('location'))
  @IsObject()
  @ValidateNested()
  @Type(() => LocationContentDto)
  location?: LocationContentDto;

  /** The vendor's example uses the singular key. */
  @ValidateIf((body: InboundMessageBodyDto) => body.type === 'contacts' && (body.contact !== undefined || body.contacts === undefined))
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContactCardDto)
  contact?: ContactCardDto[];

  @ValidateIf((body: InboundMessageBodyDto) => body.type === 'contacts' && body.contacts !== undefined)
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ContactCardDto)
  contacts?: ContactCardDto[];

  @ValidateIf(ofType('button'))
  @IsObject()
  @ValidateNested()
  @Type(() => ButtonContentDto)
  button?: ButtonContentDto;

  @ValidateIf(ofType('interactive'))
  @IsObject()
  @ValidateNested()
  @Type(() => InteractiveContentDto)
  interactive?: InteractiveContentDto;

  @ValidateIf(ofType('unknown'))
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => UnsupportedErrorDto)
  errors?: UnsupportedErrorDto[];

  @IsOptional()
  @IsObject()
  order?: Record<string, unknown>;

  @IsOptional()
  @IsObject()
  system?: Record<string, unknown>;
}
