import { type DynamicModule, Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JobQueue, type JobQueueOptions } from './job-queue';

/** One pg-boss instance for the whole service, on its database: inject `JobQueue` (see job-queue.ts). */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobQueueOptions): DynamicModule {
    return {
      module: JobsModule,
      providers: [{ provide: JobQueue, useFactory: (dataSource: DataSource) => new JobQueue(options, dataSource), inject: [getDataSourceToken()] }],
      exports: [JobQueue],
    };
  }
}
