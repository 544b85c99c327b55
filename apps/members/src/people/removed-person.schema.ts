import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ROLES, Role } from '@grappes/contracts';
import { Aggregate, outboxPlugin } from '@grappes/messaging';

/**
 * What is kept of a removed account, written in the same transaction that
 * deletes it, with the person-removed event as its outbox. The account itself
 * is deleted rather than changed, so that its e-mail is free again on every
 * server (an update is not relied on to free a unique value).
 */
@Schema({ collection: 'removed_people' })
export class RemovedPerson {
  /** The removed person's id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, index: true }) companyId?: string;
  /** Not unique: an address may have an account again, and be removed again. */
  @Prop({ required: true, index: true }) email!: string;
  @Prop({ required: true }) firstName!: string;
  @Prop({ required: true }) lastName!: string;
  @Prop({ type: String, required: true, enum: ROLES }) role!: Role;
  @Prop({ required: true }) removedAt!: Date;
  /** The id of the person who removed the account; unrecorded for accounts removed before this archive existed. */
  @Prop() removedBy?: string;
}

export type RemovedPersonDocument = RemovedPerson & Aggregate;
export const RemovedPersonSchema = SchemaFactory.createForClass(RemovedPerson);
RemovedPersonSchema.plugin(outboxPlugin);
