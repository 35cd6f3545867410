/** The parts of an inbound body the rules read; the DTO guarantees their shape for known types. */
export interface InboundContentSource {
  type: string;
  [key: string]: unknown;
}

type Fields = Record<string, unknown> | undefined;

function strings(...values: unknown[]): string | null {
  const texts = values.filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  return texts.length > 0 ? texts.join('\n') : null;
}

/** The object that holds the message's content: the one its `type` names (`contact` or `contacts` for cards). */
export function inboundContent(body: InboundContentSource): unknown {
  switch (body.type) {
    case 'contacts':
      return body.contact ?? body.contacts ?? null;
    case 'unknown':
      return body.errors ?? null;
    default:
      return body[body.type] ?? null;
  }
}

/** Whatever words the message carries, for the `q` search of GET /inbound-messages. */
export function searchableText(body: InboundContentSource): string | null {
  const content = inboundContent(body);
  const fields = (content !== null && typeof content === 'object' && !Array.isArray(content) ? content : undefined) as Fields;
  switch (body.type) {
    case 'text':
      return strings(fields?.body);
    case 'image':
    case 'video':
    case 'document':
      return strings(fields?.caption, fields?.filename);
    case 'location':
      return strings(fields?.name, fields?.address);
    case 'button':
      return strings(fields?.text, fields?.payload);
    case 'interactive': {
      const reply = (fields?.listReply ?? fields?.buttonReply) as Fields;
      return strings(reply?.title, reply?.description);
    }
    case 'contacts':
      return Array.isArray(content) ? strings(...content.map((card) => ((card as { name?: Fields }).name ?? {}).formattedName)) : null;
    case 'reaction':
      return strings(fields?.emoji);
    default:
      return null;
  }
}

/** The wamid of one of our messages this message answers: the reacted-to or the quoted one. */
export function repliedToWamid(body: InboundContentSource): string | null {
  if (body.type === 'reaction') {
    const messageId = (body.reaction as Fields)?.messageId;
    if (typeof messageId === 'string') {
      return messageId;
    }
  }
  const quoted = (body.context as Fields)?.id;
  return typeof quoted === 'string' ? quoted : null;
}
