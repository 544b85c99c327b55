import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { CalendarTokenView, DomainError, ERRORS, Principal } from '@grappes/contracts';
import { inTransaction, isDuplicateKey } from '@grappes/messaging';
import { Connection, Model } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { CalendarToken } from './calendar-token.schema';

const newToken = () => randomBytes(32).toString('base64url');
const view = (token: string): CalendarTokenView => ({ token, path: `/calendar/${token}.ics` });

/** Calendar apps send no bearer token: each person gets a secret feed URL, which they may rotate. */
@Injectable()
export class CalendarTokensService {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(CalendarToken.name) private readonly tokens: Model<CalendarToken>,
  ) {}

  /** The person's token, made on first use; two first uses at once end with one token. */
  async current(principal: Principal): Promise<CalendarTokenView> {
    const existing = await this.tokens.findOne({ personId: principal.id }).lean<CalendarToken>();
    if (existing) return view(existing._id);
    try {
      return view((await this.tokens.create({ _id: newToken(), ...owner(principal) }))._id);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return view((await this.tokens.findOne({ personId: principal.id }).lean<CalendarToken>())!._id);
    }
  }

  /** A new token; the old one stops working at once. */
  rotate(principal: Principal): Promise<CalendarTokenView> {
    return inTransaction(this.connection, async (session) => {
      await this.tokens.deleteOne({ personId: principal.id }, { session });
      const [created] = await this.tokens.create([{ _id: newToken(), ...owner(principal) }], { session });
      return view(created._id);
    });
  }

  /** The feeds of a person, or of every person of a company, stop working. */
  async revokeOf(owner: { personId: string } | { companyId: string }): Promise<void> {
    await this.tokens.deleteMany(owner);
  }

  async owner(token: string): Promise<CalendarToken> {
    const found = await this.tokens.findById(token).lean<CalendarToken>();
    if (!found) throw new DomainError(ERRORS.CALENDAR_TOKEN_UNKNOWN, 'No such calendar');
    return found;
  }
}

function owner(principal: Principal): Omit<CalendarToken, '_id'> {
  return { personId: principal.id, email: principal.email, ...(principal.companyId ? { companyId: principal.companyId } : {}) };
}
