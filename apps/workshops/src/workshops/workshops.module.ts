import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClusterEventsHandlers } from '../clusters/cluster-events.handlers';
import { KnownCluster, KnownClusterSchema } from '../clusters/known-cluster.schema';
import { Workshop, WorkshopSchema } from './workshop.schema';
import { WorkshopsHandlers } from './workshops.handlers';
import { WorkshopsService } from './workshops.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Workshop.name, schema: WorkshopSchema },
      { name: KnownCluster.name, schema: KnownClusterSchema },
    ]),
  ],
  controllers: [WorkshopsHandlers, ClusterEventsHandlers],
  providers: [WorkshopsService],
})
export class WorkshopsModule {}
