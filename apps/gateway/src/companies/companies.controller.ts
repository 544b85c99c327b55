import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyView, MEMBERS_RPC, Principal, RegisterCompany } from '@grappes/contracts';
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

  @Get(':id')
  @ApiOperation({ summary: 'A company profile; revenue only for federation staff and the company itself' })
  get(@Param('id') companyId: string, @CurrentPrincipal() principal: Principal): Promise<CompanyView> {
    return this.rpc.send(MEMBERS_RPC.getCompany, { companyId }, { principal });
  }
}
