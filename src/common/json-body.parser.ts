import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { jsonShapeProblem, type JsonLimits } from './json-shape.util';

/** Keys that reach object prototypes when code copies or instantiates what it parsed. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor']);

class PrototypeKeyError extends Error {}

function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (PROTOTYPE_KEYS.has(key)) {
    throw new PrototypeKeyError(key);
  }
  return value;
}

/**
 * Fastify's parser for `application/json` bodies, the only content type the service reads.
 * Depth and key count are checked in one linear pass before parsing; prototype keys are refused
 * with a message that says so (looked for key by key only when the text could hold one).
 */
export function parseJsonBody(limits: JsonLimits) {
  return (_request: FastifyRequest, text: string, done: (error: Error | null, body?: unknown) => void): void => {
    const problem = jsonShapeProblem(text, limits);
    if (problem) {
      done(new ApiError(HttpStatus.BAD_REQUEST, problem.code, problem.message));
      return;
    }
    const mayHoldPrototypeKey = text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
    try {
      done(null, mayHoldPrototypeKey ? JSON.parse(text, refusePrototypeKeys) : JSON.parse(text));
    } catch (error) {
      done(
        error instanceof PrototypeKeyError
          ? new ApiError(
              HttpStatus.BAD_REQUEST,
              'prototype_key',
              `The key "${error.message}" is not accepted anywhere in a body: it could alter object prototypes`,
            )
          : new ApiError(HttpStatus.BAD_REQUEST, 'invalid_json', 'Body is not valid JSON'),
      );
    }
  };
}
