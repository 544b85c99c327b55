import { Prop, Schema, SchemaFactory, raw } from '@nestjs/mongoose';
import type { AuditActor } from '@grappes/contracts';

/** One entry of the trail; written once by the consumer, never changed through the API. */
@Schema({ collection: 'audit_entries', versionKey: false })
export class AuditEntry {
  /** The id of the event recorded: a redelivered event finds its entry already there. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, enum: ['request', 'event'] }) kind!: 'request' | 'event';
  @Prop({ required: true }) at!: Date;
  @Prop({ required: true }) action!: string;
  @Prop({ type: [String], default: [] }) targets!: string[];
  @Prop(raw({ _id: false, personId: String, email: String, companyId: String })) actor?: AuditActor;
  @Prop({ required: true }) correlationId!: string;
  @Prop() causationId?: string;
  @Prop(raw({ _id: false, status: Number, code: String })) outcome!: { status?: number; code?: string };
  @Prop({ required: true }) expiresAt!: Date;
}

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
/** Retention: the database removes an entry once its time has come (AUDIT_RETENTION_DAYS after it happened). */
AuditEntrySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
AuditEntrySchema.index({ at: -1, _id: 1 });
AuditEntrySchema.index({ targets: 1, at: -1 });
AuditEntrySchema.index({ 'actor.personId': 1, at: -1 });
AuditEntrySchema.index({ 'actor.email': 1, at: -1 });
AuditEntrySchema.index({ correlationId: 1 });
/** Finds the events a request caused, to give them its actor. */
AuditEntrySchema.index({ causationId: 1 }, { sparse: true });
