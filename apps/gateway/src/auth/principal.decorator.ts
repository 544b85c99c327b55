import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Principal } from '@grappes/contracts';

export type AuthenticatedRequest = { principal: Principal };

/** The signed-in person, as the access token names them. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
