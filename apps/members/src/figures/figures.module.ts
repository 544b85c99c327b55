import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { FiguresRpcHandlers } from './figures.rpc-handlers';
import { FiguresService } from './figures.service';

/** The sector figures of the directory: companies, headcount and revenue by category and region. */
@Module({
  imports: [CompaniesModule],
  controllers: [FiguresRpcHandlers],
  providers: [FiguresService],
})
export class FiguresModule {}
