import { Module } from '@nestjs/common';
import { KnownClustersModule } from '../clusters/known-clusters.module';
import { CompaniesModule } from '../companies/companies.module';
import { SuggestionsRpcHandlers } from './suggestions.rpc-handlers';
import { SuggestionsService } from './suggestions.service';

/** Clusters to join and complementary partners for a company; partners for an idea. */
@Module({
  imports: [CompaniesModule, KnownClustersModule],
  controllers: [SuggestionsRpcHandlers],
  providers: [SuggestionsService],
})
export class SuggestionsModule {}
