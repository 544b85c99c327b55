import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditEntry, AuditEntrySchema } from './audit-entry.schema';
import { AuditTrailRepository } from './audit-trail.repository';
import { AuditRpcHandlers } from './audit.rpc-handlers';
import { TrailEventHandlers } from './trail.event-handlers';

/** The audit trail: entries written from the event streams, read by staff. */
@Module({
  imports: [MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }])],
  controllers: [TrailEventHandlers, AuditRpcHandlers],
  providers: [AuditTrailRepository],
})
export class TrailModule {}
