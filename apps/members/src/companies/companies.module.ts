import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CompaniesRpcHandlers } from './companies.rpc-handlers';
import { CompaniesService } from './companies.service';
import { Company, CompanySchema } from './company.schema';
import { EstablishmentSiret, EstablishmentSiretSchema, EstablishmentSirets } from './establishment-sirets';

@Module({
  imports: [MongooseModule.forFeature([
      { name: Company.name, schema: CompanySchema },
      { name: EstablishmentSiret.name, schema: EstablishmentSiretSchema },
    ]),
  ],
  controllers: [CompaniesRpcHandlers],
  providers: [CompaniesService, EstablishmentSirets],
  exports: [CompaniesService],
})
export class CompaniesModule {}
