import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownRegistration, KnownRegistrationSchema } from './known-registration.schema';
import { KnownWorkshop, KnownWorkshopSchema } from './known-workshop.schema';
import { KnownWorkshopsService } from './known-workshops.service';

/** What this service knows of workshops and registrations; the workshops events feed it (notices/). */
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
export class WorkshopsModule {}
