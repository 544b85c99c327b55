/**
 * Whom a notice is for, in facts fixed when its event is first handled: a
 * redelivered event reaches the same people, and a person whose own event
 * arrives later is matched against the same facts (see `notices.service.ts`).
 */
export interface Address {
  /** Federation staff. */
  staff: boolean;
  /** Every person of these companies. */
  companies: string[];
  /** The company-admins of these companies. */
  adminsOf: string[];
  /** Every person of any member company. */
  anyCompany: boolean;
  /** People named by e-mail (`emailKeyOf`), with or without an account; reached whenever they were added. */
  emails: string[];
  /** Never these (`emailKeyOf`): an attendee told as such is not told again as their company's admin. */
  except: string[];
  /** People added after this moment are not addressed, except those named by e-mail. */
  at: Date;
}

/** A person as an address is matched against them. */
export interface AddressablePerson {
  email: string;
  role: string;
  companyId?: string;
  addedAt?: Date;
}

/** Whether an address reaches a person: the rule that the database filters of both sides express. */
export function reaches(address: Address, person: AddressablePerson): boolean {
  if (address.except.includes(person.email)) return false;
  if (address.emails.includes(person.email)) return true;
  if (person.addedAt && person.addedAt > address.at) return false;
  const { companyId, role } = person;
  return (
    (address.staff && role === 'federation-admin') ||
    (!!companyId && address.companies.includes(companyId)) ||
    (!!companyId && role === 'company-admin' && address.adminsOf.includes(companyId)) ||
    (address.anyCompany && !!companyId)
  );
}

/** Recipients (`recipients` collection) that an address reaches. */
export function recipientFilter(address: Address): object | undefined {
  const byGroup = [
    ...(address.staff ? [{ role: 'federation-admin' }] : []),
    ...(address.companies.length ? [{ companyId: { $in: address.companies } }] : []),
    ...(address.adminsOf.length ? [{ companyId: { $in: address.adminsOf }, role: 'company-admin' }] : []),
    ...(address.anyCompany ? [{ companyId: { $exists: true, $ne: null } }] : []),
  ];
  const addedBy = { $or: [{ addedAt: { $lte: address.at } }, { addedAt: null }] };
  const either = [
    ...(address.emails.length ? [{ email: { $in: address.emails } }] : []),
    ...(byGroup.length ? [{ $and: [addedBy, { $or: byGroup }] }] : []),
  ];
  if (!either.length) return undefined;
  return { removed: false, email: { $nin: address.except }, $or: either };
}

/** Notices (`notices` collection) whose address reaches a person. */
export function noticeFilter(person: AddressablePerson): object {
  const { companyId, role } = person;
  const byGroup = [
    ...(role === 'federation-admin' ? [{ staff: true }] : []),
    ...(companyId ? [{ companies: companyId }, { anyCompany: true }] : []),
    ...(companyId && role === 'company-admin' ? [{ adminsOf: companyId }] : []),
  ];
  const since = person.addedAt ? { at: { $gte: person.addedAt } } : {};
  return {
    except: { $ne: person.email },
    $or: [{ emails: person.email }, ...(byGroup.length ? [{ ...since, $or: byGroup }] : [])],
  };
}
