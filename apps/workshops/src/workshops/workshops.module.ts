import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownClustersModule } from '../clusters/known-clusters.module';
import { Workshop, WorkshopSchema } from './workshop.schema';
import { WorkshopsRpcHandlers } from './workshops.rpc-handlers';
import { WorkshopsService } from './workshops.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Workshop.name, schema: WorkshopSchema }]), KnownClustersModule],
  controllers: [WorkshopsRpcHandlers],
  providers: [WorkshopsService],
  exports: [MongooseModule, WorkshopsService],
})
export class WorkshopsModule {}
