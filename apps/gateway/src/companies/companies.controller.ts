import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CompanyQuery, CompanyView, MEMBERS_RPC, NewPerson, Page, PersonView, Principal, RegisterCompany, Suggestions, UpdateCompany,
} from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';

@ApiTags('companies')
@ApiSignedIn()
@ApiBehindServices()
@Controller('companies')
export class CompaniesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: 'Register a member company (federation staff)' })
  @ApiCreatedResponse({ description: 'Registered: the company with its `id`' })
  @ApiErrors([400, 'Malformed input, a bad SIREN among them: `details` names each bad field'], 403, [409, 'The SIREN is registered already'])
  register(@Body() body: RegisterCompany, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.registerCompany, body, { principal });
  }

  @Get()
  @ApiOperation({ summary: 'The directory: by name words (case and accents ignored), capability, category, region' })
  @ApiOkResponse({ description: 'A page of companies: `{items, total, page, limit}`' })
  @ApiErrors(400)
  list(@Query() query: CompanyQuery, @CurrentPrincipal() principal: Principal): Promise<Page<CompanyView>> {
    return this.rpc.send(MEMBERS_RPC.listCompanies, query, { principal });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A company profile; revenue only for federation staff and the company itself' })
  @ApiOkResponse({ description: 'The company' })
  @ApiErrors(400, [404, 'Unknown company'])
  get(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.getCompany, { companyId }, { principal });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update the profile (federation staff, the company admins)' })
  @ApiOkResponse({ description: 'The company as updated' })
  @ApiErrors(400, 403, [404, 'Unknown company'], 409, [422, 'The company has left the federation'])
  update(@Param('id') companyId: string, @Body() changes: UpdateCompany, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.updateCompany, { companyId, changes }, { principal });
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'The company leaves the federation, and with it all its clusters (federation staff)' })
  @ApiOkResponse({ description: 'The company, now gone from the federation (answered again if it had left already)' })
  @ApiErrors(400, 403, [404, 'Unknown company'], 409)
  deactivate(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.deactivateCompany, { companyId }, { principal });
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put the membership on hold: the company may not join clusters meanwhile (federation staff)' })
  @ApiOkResponse({ description: 'The company, now suspended (answered again if it was already)' })
  @ApiErrors(400, 403, [404, 'Unknown company'], 409, [422, 'The company has left the federation'])
  suspend(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.suspendCompany, { companyId }, { principal });
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a suspension (federation staff)' })
  @ApiOkResponse({ description: 'The company, active again (answered again if it was already)' })
  @ApiErrors(400, 403, [404, 'Unknown company'], 409, [422, 'The company has left the federation'])
  reactivate(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.reactivateCompany, { companyId }, { principal });
  }

  @Post(':id/people')
  @ApiOperation({ summary: 'Open an account for a person of the company (federation staff, the company admins)' })
  @ApiCreatedResponse({ description: 'The account, with its `id`' })
  @ApiErrors(400, 403, [404, 'Unknown company'], [409, 'An account with this e-mail exists already'], [422, 'The company has left the federation'])
  addPerson(@Param('id') companyId: string, @Body() person: NewPerson, @CurrentPrincipal() principal: Principal): Promise<PersonView> {
    return this.rpc.send(MEMBERS_RPC.addPerson, { ...person, companyId }, { principal });
  }

  @Get(':id/people')
  @ApiOperation({ summary: "The company's people (federation staff, the company's people)" })
  @ApiOkResponse({ description: "The company's people" })
  @ApiErrors(400, 403, [404, 'Unknown company'])
  people(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<PersonView[]> {
    return this.rpc.send(MEMBERS_RPC.listPeople, { companyId }, { principal });
  }

  @Delete(':id/people/:personId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Close a person’s account (federation staff, the company admins)' })
  @ApiNoContentResponse({ description: 'Closed: the e-mail is free for a new account' })
  @ApiErrors(400, 403, [404, 'No such person in this company'], 409)
  async removePerson(@Param('id') companyId: string, @Param('personId') personId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.rpc.send(MEMBERS_RPC.removePerson, { companyId, personId }, { principal });
  }

  @Get(':id/suggestions')
  @ApiOperation({ summary: 'Clusters to join and complementary partner companies (federation staff, the company)' })
  @ApiOkResponse({ description: '`{clusters, partners}`, each with the reason it is suggested' })
  @ApiErrors(400, 403, [404, 'Unknown company'])
  suggestions(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<Suggestions> {
    return this.rpc.send(MEMBERS_RPC.suggestions, { companyId }, { principal });
  }
}
