import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MembershipsModule } from '../memberships/memberships.module';
import { CompanyEventHandlers } from './company.event-handlers';
import { KnownCompaniesService } from './known-companies.service';
import { KnownCompany, KnownCompanySchema } from './known-company.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: KnownCompany.name, schema: KnownCompanySchema }]), MembershipsModule],
  controllers: [CompanyEventHandlers],
  providers: [KnownCompaniesService],
  exports: [KnownCompaniesService],
})
export class CompaniesModule {}
