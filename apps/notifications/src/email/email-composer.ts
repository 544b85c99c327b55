import { CalendarMethod, icalendar } from '@grappes/calendar';
import { Locale } from '@grappes/contracts';
import { Message, render } from '../messages/messages';
import { KnownWorkshop } from '../workshops/known-workshop.schema';
import { Mail } from './mailer';
import { OutgoingEmail } from './outgoing-email.schema';

/** The calendar entry a workshop e-mail carries: an invitation to hold the seat, or its withdrawal. */
const CALENDAR_METHODS: Record<string, CalendarMethod> = {
  'registration-confirmed:attendee': 'REQUEST',
  'waitlist-promoted:attendee': 'REQUEST',
  'workshop-rescheduled:registrant': 'REQUEST',
  'registration-cancelled:attendee': 'CANCEL',
  'workshop-cancelled:registrant': 'CANCEL',
};

export function calendarMethodOf(email: Pick<OutgoingEmail, 'type' | 'kind'>): CalendarMethod | undefined {
  return CALENDAR_METHODS[`${email.type}:${email.kind}`];
}

const FOOTER: Record<Locale, string> = {
  fr: 'France Horlogerie — Grappes. Vos préférences de notification se règlent dans Grappes.',
  en: 'France Horlogerie — Grappes. Choose which e-mails you receive in your Grappes notification preferences.',
};

const DIGEST_SUBJECT: Record<Locale, (n: number) => string> = {
  fr: (n) => `Grappes : ${n} notification${n > 1 ? 's' : ''} depuis hier`,
  en: (n) => `Grappes: ${n} notification${n > 1 ? 's' : ''} since yesterday`,
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(locale: Locale, subject: string, messages: Message[]): Pick<Mail, 'subject' | 'text' | 'html'> {
  const text = [...messages.map((m) => `${m.title}\n${m.body}`), FOOTER[locale]].join('\n\n');
  const html =
    `<!doctype html><html lang="${locale}"><body>` +
    messages.map((m) => `<h2>${escape(m.title)}</h2><p>${escape(m.body)}</p>`).join('') +
    `<hr><p><small>${escape(FOOTER[locale])}</small></p></body></html>`;
  return { subject, text, html };
}

/** A notification's e-mail, with its workshop's calendar entry when it has one (same UID as the workshops service's files). */
export function notificationMail(email: OutgoingEmail, workshop: KnownWorkshop | null, organizerEmail: string): Mail {
  const message = render(email.type, email.kind, email.data, email.locale);
  const method = calendarMethodOf(email);
  const calendar =
    method && workshop
      ? {
          method: method as 'REQUEST' | 'CANCEL',
          content: icalendar(
            [{ id: workshop._id, title: workshop.title, location: workshop.location, startsAt: workshop.startsAt, endsAt: workshop.endsAt,
              cancelled: workshop.cancelled || method === 'CANCEL', sequence: workshop.sequence, changedAt: workshop.changedAt }],
            method, workshop.title, organizerEmail,
          ),
        }
      : undefined;
  return { to: email.address, messageId: `<${email._id}@grappes>`, ...layout(email.locale, message.title, [message]), ...(calendar ? { calendar } : {}) };
}

/** A day's digest: every notification it gathers, oldest first, in one e-mail. */
export function digestMail(digest: OutgoingEmail, items: OutgoingEmail[]): Mail {
  const messages = items.map((item) => render(item.type, item.kind, item.data, digest.locale));
  return { to: digest.address, messageId: `<${digest._id}@grappes>`, ...layout(digest.locale, DIGEST_SUBJECT[digest.locale](items.length), messages) };
}
