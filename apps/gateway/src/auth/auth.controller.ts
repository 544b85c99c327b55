import { Body, Controller, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccountView, Credentials, DomainError, ERRORS, LocaleChoice, MEMBERS_RPC, PingReply, Principal, RefreshToken, SessionGrant, pingRpc,
} from '@grappes/contracts';
import { RpcClient } from '@grappes/messaging';
import type { Request, Response } from 'express';
import { GatewayConfig } from '../gateway.config';
import { ApiBehindServices, ApiErrors, ApiSignedIn } from '../http/api-error';
import { toClaims } from './jwt-auth.guard';
import { LoginAttempt, LoginAttempts } from './login-attempts';
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
  @ApiOkResponse({
    description:
      'Signed in: `{accessToken, tokenType: "Bearer", expiresIn, refreshToken, refreshExpiresAt}`. The access token is short-lived; ' +
      '`POST /auth/refresh` with the refresh token gives a new pair until `refreshExpiresAt` (a working day)',
  })
  @ApiErrors(
    400,
    [401, 'Wrong e-mail or password (the same answer for an unknown e-mail)'],
    [429, 'Too many requests, or 10 failed logins for this e-mail from this client within a minute: wait for `Retry-After` seconds (it doubles at each new lockout)'],
  )
  @ApiBehindServices()
  async login(@Body() credentials: Credentials, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const attempt: LoginAttempt = { email: credentials.email, client: req.ip ?? 'unknown' };
    const startedAt = await this.begin(attempt, res);
    const principal = await this.rpc.send(MEMBERS_RPC.verifyCredentials, credentials).catch(async (error: unknown) => {
      const judged = error instanceof DomainError && error.code === ERRORS.BAD_CREDENTIALS.code;
      if (!judged) await this.attempts.withdraw(attempt, startedAt);
      throw error;
    });
    await this.attempts.succeeded(attempt);
    return this.tokens(principal, await this.rpc.send(MEMBERS_RPC.openSession, {}, { principal }));
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new access token and a new refresh token for a refresh token, which works once' })
  @ApiOkResponse({ description: 'As for login: `{accessToken, tokenType, expiresIn, refreshToken, refreshExpiresAt}`' })
  @ApiErrors(400, [401, 'The refresh token is unknown, used already (its whole session then ends), or its session ended'])
  @ApiBehindServices()
  async refresh(@Body() { refreshToken }: RefreshToken) {
    const session = await this.rpc.send(MEMBERS_RPC.refreshSession, { refreshToken });
    return this.tokens(session.principal, session);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiSignedIn()
  @ApiOperation({ summary: 'Sign out: the session of this refresh token ends' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(400, [401, 'No valid access token, or the refresh token is not of a session of yours that is still open'])
  @ApiBehindServices()
  async logout(@Body() { refreshToken }: RefreshToken, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.rpc.send(MEMBERS_RPC.endSession, { refreshToken }, { principal });
  }

  private async tokens(principal: Principal, session: SessionGrant) {
    const accessToken = await this.jwt.signAsync(toClaims(principal), { expiresIn: this.config.JWT_TTL_SECONDS });
    return {
      accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS,
      refreshToken: session.refreshToken, refreshExpiresAt: session.expiresAt,
    };
  }

  /** Counts the attempt, or refuses it with 429 and `Retry-After`. */
  private async begin(attempt: LoginAttempt, res: Response): Promise<number> {
    try {
      return await this.attempts.begin(attempt);
    } catch (error) {
      const retryAfterSeconds = ((error as DomainError).details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retryAfterSeconds) res.setHeader('Retry-After', String(retryAfterSeconds));
      throw error;
    }
  }

  /**
   * A round trip through the gateway and NATS to a service that answers
   * without touching its database: a client checks its session and the
   * platform's reach, and the benchmark measures what every request pays.
   */
  @Get('ping')
  @ApiSignedIn()
  @ApiOperation({ summary: 'Signed in, and the services reachable: a round trip to the members service' })
  @ApiOkResponse({ description: '`{service: "members", status: "ok"}`' })
  @ApiBehindServices()
  ping(): Promise<PingReply> {
    return this.rpc.send(pingRpc('members'), {});
  }

  @Get('me')
  @ApiSignedIn()
  @ApiBehindServices()
  @ApiOperation({ summary: 'Who I am, as my access token says, and the language of my account' })
  @ApiOkResponse({ description: 'The principal and my language: `{id, email, companyId?, roles, locale}` (`fr` or `en`)' })
  async me(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const { locale } = await this.rpc.send(MEMBERS_RPC.myAccount, {}, { principal });
    return { ...principal, locale };
  }

  @Patch('me')
  @ApiSignedIn()
  @ApiBehindServices()
  @ApiOperation({ summary: 'Choose the language of my e-mails and of the web app' })
  @ApiOkResponse({ description: '`{id, email, companyId?, roles, locale}` as now' })
  @ApiErrors(400)
  async chooseLocale(@Body() choice: LocaleChoice, @CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const { locale } = await this.rpc.send(MEMBERS_RPC.chooseLocale, choice, { principal });
    return { ...principal, locale };
  }
}
