import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CompanyQuery, CompanyView, MEMBERS_RPC, NewPerson, Page, PersonView, Principal, RegisterCompany, Suggestions, UpdateCompany,
} from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: 'Register a member company (federation staff)' })
  register(@Body() body: RegisterCompany, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.registerCompany, body, { principal });
  }

  @Get()
  @ApiOperation({ summary: 'The directory: by name words (case and accents ignored), capability, category, region' })
  list(@Query() query: CompanyQuery, @CurrentPrincipal() principal: Principal): Promise<Page<CompanyView>> {
    return this.rpc.send(MEMBERS_RPC.listCompanies, query, { principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A company profile; revenue only for federation staff and the company itself' })
  get(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.getCompany, { companyId }, { principal });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update the profile (federation staff, the company admins)' })
  update(@Param('id') companyId: string, @Body() changes: UpdateCompany, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.updateCompany, { companyId, changes }, { principal });
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'The company leaves the federation, and with it all its clusters (federation staff)' })
  deactivate(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.deactivateCompany, { companyId }, { principal });
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put the membership on hold: the company may not join clusters meanwhile (federation staff)' })
  suspend(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.suspendCompany, { companyId }, { principal });
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a suspension (federation staff)' })
  reactivate(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.reactivateCompany, { companyId }, { principal });
  }

  @Post(':id/people')
  @ApiOperation({ summary: 'Open an account for a person of the company (federation staff, the company admins)' })
  addPerson(@Param('id') companyId: string, @Body() person: NewPerson, @CurrentPrincipal() principal: Principal): Promise<PersonView> {
    return this.rpc.send(MEMBERS_RPC.addPerson, { ...person, companyId }, { principal });
  }

  @Get(':id/people')
  @ApiOperation({ summary: "The company's people (federation staff, the company's people)" })
  people(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<PersonView[]> {
    return this.rpc.send(MEMBERS_RPC.listPeople, { companyId }, { principal });
  }

  @Delete(':id/people/:personId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Close a person’s account (federation staff, the company admins)' })
  async removePerson(@Param('id') companyId: string, @Param('personId') personId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.rpc.send(MEMBERS_RPC.removePerson, { companyId, personId }, { principal });
  }

  @Get(':id/suggestions')
  @ApiOperation({ summary: 'Clusters to join and complementary partner companies (federation staff, the company)' })
  suggestions(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<Suggestions> {
    return this.rpc.send(MEMBERS_RPC.suggestions, { companyId }, { principal });
  }
}
