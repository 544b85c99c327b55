import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClustersModule } from '../clusters/known-clusters.module';
import { Workshop, WorkshopSchema } from './workshop.schema';
import { WorkshopsHandlers } from './workshops.rpc-handlers';
import { WorkshopsService } from './workshops.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Workshop.name, schema: WorkshopSchema }]), ClustersModule],
  controllers: [WorkshopsHandlers],
  providers: [WorkshopsService],
  exports: [MongooseModule, WorkshopsService, ClustersModule],
})
export class WorkshopsModule {}
