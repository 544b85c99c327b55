import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@grappes/platform';
import { Company } from './companies/company.schema';
import { CompaniesModule } from './companies/companies.module';
import { MembersConfig } from './members.config';
import { Person } from './people/person.schema';
import { RemovedPerson } from './people/removed-person.schema';
import { PeopleModule } from './people/people.module';
import { SessionsModule } from './sessions/sessions.module';
import { KnownClustersModule } from './clusters/known-clusters.module';
import { FiguresModule } from './figures/figures.module';
import { SuggestionsModule } from './suggestions/suggestions.module';

@Module({})
export class AppModule {
  static register(config: MembersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({ service: 'members', config, aggregates: [Company.name, Person.name, RemovedPerson.name] }),
        CompaniesModule,
        PeopleModule,
        SessionsModule,
        KnownClustersModule,
        SuggestionsModule,
        FiguresModule,
      ],
    };
  }
}
