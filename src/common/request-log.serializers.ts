import { redactSecretQuery } from './request-log.util';

interface SerializedRequest {
  id: string;
  method: string;
  url: string;
  remoteAddress?: string;
  raw?: { ip?: string };
}

/**
 * How requests and responses appear in the log: no headers (they carry the webhook credentials
 * and the API token), secret-looking query values redacted, and the client's address as
 * TRUST_PROXY makes it.
 */
export const requestLogSerializers = {
  req: (request: SerializedRequest) => ({
    id: request.id,
    method: request.method,
    url: redactSecretQuery(request.url),
    clientAddress: request.raw?.ip ?? request.remoteAddress,
  }),
  res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
};
