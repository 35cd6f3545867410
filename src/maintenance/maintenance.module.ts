import { Module } from '@nestjs/common';
import { MaintenanceService } from './maintenance.service';

/** Partitions ahead, retention, on a schedule inside the service (docs/data-lifecycle.md). */
@Module({ providers: [MaintenanceService], exports: [MaintenanceService] })
export class MaintenanceModule {}
