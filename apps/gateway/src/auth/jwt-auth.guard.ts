import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ERRORS, Principal } from '@grappes/contracts';
import { currentContext } from '@grappes/messaging';
import type { Request } from 'express';
import { RevokedAccess } from '../access/revoked-access';
import { IS_PUBLIC } from './public.decorator';
import { ACCEPTS_STREAM_TICKET, StreamTickets } from './stream-tickets';

interface AccessClaims {
  sub: string;
  email: string;
  companyId?: string;
  roles: Principal['roles'];
}

export function toClaims(principal: Principal): AccessClaims {
  return { sub: principal.id, email: principal.email, companyId: principal.companyId, roles: principal.roles };
}

/**
 * Every endpoint needs a valid bearer token, of a person whose access still
 * stands, unless marked @Public(). An endpoint marked @AcceptsStreamTicket()
 * takes a `?ticket=` instead of the token (stream-tickets.ts).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
    private readonly revoked: RevokedAccess,
    private readonly tickets: StreamTickets,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const request = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const ticket = this.reflector.getAllAndOverride<boolean>(ACCEPTS_STREAM_TICKET, [ctx.getHandler(), ctx.getClass()]) ? request.query['ticket'] : undefined;
    const principal = typeof ticket === 'string' ? this.tickets.verify(ticket) : await this.bearer(request);
    if (this.revoked.denies(principal)) throw new DomainError(ERRORS.UNAUTHENTICATED, 'Access was withdrawn; sign in again');
    request.principal = principal;
    const context = currentContext();
    if (context) context.principal = principal;
    return true;
  }

  private async bearer(request: Request): Promise<Principal> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new DomainError(ERRORS.UNAUTHENTICATED, 'A bearer token is required');
    const claims = await this.verified(token);
    return { id: claims.sub, email: claims.email, companyId: claims.companyId, roles: claims.roles };
  }

  /** Any failure, thrown at once (an unknown key) or later (a bad signature, expiry), is the same 401. */
  private async verified(token: string): Promise<AccessClaims> {
    try {
      return await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      throw new DomainError(ERRORS.UNAUTHENTICATED, 'The token is invalid or expired');
    }
  }
}
