import type { OpenAPIObject } from '@nestjs/swagger';
import type { WebhookExamples } from '../event-bus/handles-event.decorator';

export const WEBHOOK_PATH = '/webhooks/whatsapp';

/**
 * Puts every event module's example envelopes on the webhook's request body in the OpenAPI
 * document: each module brings its own (`@HandlesEvent(type, Body, examples)`), so the core
 * lists none.
 */
export function documentWebhookExamples(document: OpenAPIObject, examples: WebhookExamples): void {
  for (const operation of Object.values(document.paths[WEBHOOK_PATH] ?? {}) as {
    requestBody?: { content?: Record<string, { examples?: WebhookExamples }> };
  }[]) {
    const json = operation.requestBody?.content?.['application/json'];
    if (json) {
      json.examples = examples;
    }
  }
}
