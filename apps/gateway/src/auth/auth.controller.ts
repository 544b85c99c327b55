import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Credentials, DomainError, ERRORS, MEMBERS_RPC, Principal } from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import type { Response } from 'express';
import { GatewayConfig } from '../gateway.config';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';
import { toClaims } from './jwt-auth.guard';
import { LoginAttempts } from './login-attempts';
import { CurrentPrincipal } from './principal.decorator';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly jwt: JwtService,
    private readonly attempts: LoginAttempts,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for an access token' })
  @ApiOkResponse({ description: 'Signed in: `{accessToken, tokenType: "Bearer", expiresIn}`' })
  @ApiErrors(
    400,
    [401, 'Wrong e-mail or password (the same answer for an unknown e-mail)'],
    [429, 'Too many requests, or 10 failed logins for this e-mail within a minute: wait for `Retry-After` seconds'],
  )
  @ApiBehindServices()
  async login(@Body() credentials: Credentials, @Res({ passthrough: true }) res: Response) {
    const startedAt = this.begin(credentials.email, res);
    const principal = await this.rpc.send(MEMBERS_RPC.verifyCredentials, credentials).catch((error: unknown) => {
      const judged = error instanceof DomainError && error.code === ERRORS.BAD_CREDENTIALS.code;
      if (!judged) this.attempts.withdraw(credentials.email, startedAt);
      throw error;
    });
    this.attempts.succeeded(credentials.email);
    const accessToken = await this.jwt.signAsync(toClaims(principal), { expiresIn: this.config.JWT_TTL_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS };
  }

  /** Counts the attempt, or refuses it with 429 and `Retry-After`. */
  private begin(email: string, res: Response): number {
    try {
      return this.attempts.begin(email);
    } catch (error) {
      const { retryAfterSeconds } = (error as DomainError).details as { retryAfterSeconds: number };
      res.setHeader('Retry-After', String(retryAfterSeconds));
      throw error;
    }
  }

  @Get('me')
  @ApiSignedIn()
  @ApiOperation({ summary: 'Who I am, as my access token says' })
  @ApiOkResponse({ description: 'The principal: `{id, email, companyId?, roles}`' })
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
