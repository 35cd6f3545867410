import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/** Counts over time for dashboards (the console among them), read from rollups the ingest transaction keeps. */
@Module({
  controllers: [StatsController],
  providers: [StatsService],
})
export class StatsModule {}
