import type { Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

export interface HandledEvent {
  type: string;
  /** The class-validator DTO the body must satisfy before the handler sees it. */
  body: Type<object>;
}

const HandlesEventMetadata = DiscoveryService.createDecorator<HandledEvent>();
export const HANDLES_EVENT = HandlesEventMetadata;

/**
 * Marks a provider as the one handler of an event type: `@HandlesEvent('whatsapp_x', XBodyDto)`.
 * The provider implements `EventHandler`; the bus finds it at boot.
 */
export function HandlesEvent(type: string, body: Type<object>): ClassDecorator {
  return HandlesEventMetadata({ type, body });
}
