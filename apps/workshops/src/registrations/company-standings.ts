import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DomainError, ERRORS } from '@grappes/contracts';
import { applyIfNewer, isDuplicateKey } from '@grappes/messaging';
import { ClientSession, Model } from 'mongoose';
import { CompanyStanding } from './company-standing.schema';

const departedError = () => new DomainError(ERRORS.COMPANY_NOT_ACTIVE, 'The company has left the federation');

/** Which companies have left the federation, as registrations must see it (see `CompanyStanding`). */
@Injectable()
export class CompanyStandings {
  constructor(@InjectModel(CompanyStanding.name) private readonly standings: Model<CompanyStanding>) {}

  /**
   * Refuses at once a company known to have departed, and makes sure its
   * standing exists, so that the registration's transaction only updates it:
   * concurrent upserts of a new document inside transactions would collide.
   * A plain read when it exists: a write here would queue behind every
   * registration of the company in flight.
   */
  async assertActive(companyId: string): Promise<void> {
    const standing = (await this.standings.findById(companyId).lean<CompanyStanding>()) ?? (await this.create(companyId));
    if (standing?.departed) throw departedError();
  }

  private async create(companyId: string): Promise<CompanyStanding | null> {
    try {
      await this.standings.updateOne({ _id: companyId }, { $setOnInsert: { departed: false, version: 0 } }, { upsert: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    return this.standings.findById(companyId).lean<CompanyStanding>();
  }

  /** Inside a registration's transaction: writes the company's standing, and refuses a company that departed. */
  async hold(companyId: string, session: ClientSession): Promise<void> {
    const standing = await this.standings
      .findOneAndUpdate({ _id: companyId }, { $inc: { registrationsTaken: 1 } }, { session, returnDocument: 'after' })
      .lean<CompanyStanding>();
    if (!standing) throw new DomainError(ERRORS.CONCURRENT_CHANGE, 'The company changed meanwhile; try again');
    if (standing.departed) throw departedError();
  }

  /** Idempotent; it conflicts with every registration of the company still in flight. */
  recordDeparture(companyId: string, version: number): Promise<void> {
    return applyIfNewer(this.standings, companyId, version, { departed: true });
  }
}
