import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, ERRORS, Principal, RefreshedSession, SessionGrant } from '@grappes/contracts';
import { Model } from 'mongoose';
import { MembersConfig } from '../members.config';
import { PeopleService } from '../people/people.service';
import { Session } from './session.schema';
import { formatToken, hashOf, newSessionToken, parseToken } from './session-token';

const ENDED = () => new DomainError(ERRORS.SESSION_ENDED, 'This session has ended; sign in again');

/**
 * Sessions that keep a person signed in for a working day with short-lived
 * access tokens. A refresh token works once: refreshing swaps the stored hash
 * by a conditional update, so two uses of one token cannot both succeed, and
 * a token that comes back after it was used ends its whole session.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectModel(Session.name) private readonly sessions: Model<Session>,
    private readonly people: PeopleService,
    @Inject(MembersConfig) private readonly config: MembersConfig,
  ) {}

  async open(principal: Principal): Promise<SessionGrant> {
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_SECONDS * 1000);
    await this.sessions.create({ _id: token.sessionId, personId: principal.id, secretHash: hashOf(token.secret), expiresAt });
    return { refreshToken: formatToken(token), expiresAt: expiresAt.toISOString() };
  }

  async refresh(refreshToken: string): Promise<RefreshedSession> {
    const presented = parseToken(refreshToken);
    if (!presented) throw ENDED();
    const next = newSessionToken(presented.sessionId);
    const session = await this.sessions.findOneAndUpdate(
      { _id: presented.sessionId, secretHash: hashOf(presented.secret), endedAt: null, expiresAt: { $gt: new Date() } },
      { $set: { secretHash: hashOf(next.secret) } },
      { returnDocument: 'after' },
    );
    if (!session) {
      await this.end(presented.sessionId, 'reused', { secretHash: { $ne: hashOf(presented.secret) } });
      throw ENDED();
    }
    const principal = await this.people.currentPrincipal(session.personId).catch(async (error: unknown) => {
      await this.end(session._id, 'signed-out');
      throw error instanceof DomainError ? ENDED() : error;
    });
    return { principal, refreshToken: formatToken(next), expiresAt: session.expiresAt.toISOString() };
  }

  /** Signing out ends the session of the token, if it is the caller's own. */
  async signOut(refreshToken: string, principal: Principal): Promise<void> {
    const presented = parseToken(refreshToken);
    if (!presented) throw ENDED();
    const ended = await this.end(presented.sessionId, 'signed-out', { personId: principal.id, secretHash: hashOf(presented.secret) });
    if (!ended) throw ENDED();
  }

  private async end(sessionId: string, because: Session['endedBecause'], condition: object = {}): Promise<boolean> {
    const { modifiedCount } = await this.sessions.updateOne(
      { _id: sessionId, endedAt: null, ...condition },
      { $set: { endedAt: new Date(), endedBecause: because } },
    );
    return modifiedCount === 1;
  }
}
