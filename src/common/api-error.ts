import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * The stable, machine-readable `code` of every error response. Clients branch on it; the
 * `message` is for people and may change.
 */
export const ERROR_CODES = {
  bad_request: 'A request the service cannot read',
  invalid_url: 'The URL holds a NUL character or invalid percent-encoding',
  invalid_query: 'A query or path parameter is invalid; `fields` names each one',
  invalid_json: 'The body is not valid JSON',
  json_too_deep: 'The JSON body nests deeper than the limit',
  json_too_many_keys: 'The JSON body holds more keys than the limit',
  prototype_key: 'The JSON body uses a prototype key (`__proto__`, `constructor`)',
  invalid_envelope: 'An envelope field is missing or invalid; `fields` names each one',
  unauthorized: 'Missing, wrong or repeated credentials',
  not_found: 'No such route or record',
  media_pending: 'The media file is still being downloaded; retry later',
  method_not_allowed: 'The route does not take this method',
  payload_too_large: 'The body is over WEBHOOK_MAX_BODY',
  url_too_long: 'The URL or a path parameter is too long',
  unsupported_media_type: 'The body is not sent as application/json',
  too_many_auth_failures: 'Too many failed authentication attempts from this client; see Retry-After',
  database_unavailable: 'PostgreSQL cannot be reached; retry later',
  service_unavailable: 'The service cannot take the request now; retry later',
  internal_error: 'A bug: the answer carries the request id to find it in the logs',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'bad_request',
  [HttpStatus.UNAUTHORIZED]: 'unauthorized',
  [HttpStatus.NOT_FOUND]: 'not_found',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'method_not_allowed',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'payload_too_large',
  [HttpStatus.URI_TOO_LONG]: 'url_too_long',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'unsupported_media_type',
  [HttpStatus.TOO_MANY_REQUESTS]: 'too_many_auth_failures',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'service_unavailable',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'internal_error',
};

/** The code an error answer gets when the code that raised it named none. */
export function defaultErrorCode(status: number): ErrorCode {
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string | string[];
  [detail: string]: unknown;
}

/** An HTTP error whose answer carries its code and any details (`fields`, `allowed`...). */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, message: string | string[], details: Record<string, unknown> = {}) {
    super({ statusCode: status, code, message, ...details } satisfies ErrorBody, status);
  }
}
