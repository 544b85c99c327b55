import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownRegistration, KnownRegistrationSchema } from './known-registration.schema';
import { KnownWorkshop, KnownWorkshopSchema } from './known-workshop.schema';
import { KnownWorkshopsService } from './known-workshops.service';

/**
 * A local view of the workshops service's workshops and registrations. It has
 * no event handlers of its own: every workshops event it records is also
 * noticed, and must be recorded before anyone is told, so the notices'
 * handlers record it first, in order (notices/workshop.event-handlers.ts).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: KnownWorkshop.name, schema: KnownWorkshopSchema },
      { name: KnownRegistration.name, schema: KnownRegistrationSchema },
    ]),
  ],
  providers: [KnownWorkshopsService],
  exports: [KnownWorkshopsService],
})
export class KnownWorkshopsModule {}
