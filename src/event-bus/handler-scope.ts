import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryRunner } from 'typeorm';

/** The query runner of the event transaction a handler is running in, while it runs. */
export const handlerScope = new AsyncLocalStorage<QueryRunner>();
