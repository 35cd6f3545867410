import type { Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { ApiBodyOptions } from '@nestjs/swagger';
import type { EventHandler } from './event-handler';

/** Named request examples for the webhook's OpenAPI page, as `@ApiBody({ examples })` takes them. */
export type WebhookExamples = NonNullable<Extract<ApiBodyOptions, { examples?: unknown }>['examples']>;

export interface HandledEvent {
  type: string;
  /** The class-validator DTO the body must satisfy before the handler sees it. */
  body: Type<object>;
  /** Example envelopes of this type for /docs; the module that owns the type brings them. */
  examples: WebhookExamples;
}

const HandlesEventMetadata = DiscoveryService.createDecorator<HandledEvent>();
export const HANDLES_EVENT = HandlesEventMetadata;

/**
 * Marks a provider as the one handler of an event type: `@HandlesEvent('whatsapp_x', XBodyDto)`.
 * The class must implement `EventHandler<XBodyDto>`: a handler of another body type does not
 * compile. The bus finds it at boot.
 */
export function HandlesEvent<TBody extends object>(
  type: string,
  body: Type<TBody>,
  examples: WebhookExamples = {},
): <THandler extends Type<EventHandler<TBody>>>(target: THandler) => void {
  const decorate = HandlesEventMetadata({ type, body, examples });
  return (target) => {
    decorate(target);
  };
}
