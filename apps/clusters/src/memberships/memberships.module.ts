import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Membership, MembershipSchema } from './membership.schema';
import { MembershipsService } from './memberships.service';

/** Who belongs to which cluster, with the events of each change: the repository the use cases share. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Membership.name, schema: MembershipSchema }])],
  providers: [MembershipsService],
  exports: [MembershipsService],
})
export class MembershipsModule {}
