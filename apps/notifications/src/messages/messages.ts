/* eslint-disable @typescript-eslint/no-explicit-any -- each template reads the data of its own event, validated on arrival */
import { Locale } from '@grappes/contracts';
import { when } from './when';

/** What a person reads: the inbox entry's title and body, an e-mail's subject and text. */
export interface Message {
  title: string;
  body: string;
}

type Template = Record<Locale, (d: any) => Message>;

const CANCELLED_BECAUSE: Record<Locale, Record<string, string>> = {
  fr: {
    attendee: 'Elle a été annulée à votre demande ou à celle de votre entreprise.',
    'company-left-cluster': "Votre entreprise a quitté la grappe de l'atelier.",
    'company-deactivated': 'Votre entreprise a quitté la fédération.',
  },
  en: {
    attendee: 'It was cancelled by you or your company.',
    'company-left-cluster': "Your company left the workshop's cluster.",
    'company-deactivated': 'Your company left the federation.',
  },
};

const PROJECT_STATUS: Record<Locale, Record<string, string>> = {
  fr: { proposed: 'proposé', active: 'en cours', completed: 'terminé', abandoned: 'abandonné' },
  en: { proposed: 'proposed', active: 'under way', completed: 'completed', abandoned: 'abandoned' },
};

/** Every message, by `<notification type>:<kind>` (notices/audiences.ts says who receives which). */
const TEMPLATES: Record<string, Template> = {
  'company-joined-cluster:notice': {
    fr: (d) => ({ title: `${d.companyName} a rejoint la grappe ${d.clusterName}`, body: `${d.companyName} est désormais membre de la grappe ${d.clusterName}.` }),
    en: (d) => ({ title: `${d.companyName} joined the cluster ${d.clusterName}`, body: `${d.companyName} is now a member of the cluster ${d.clusterName}.` }),
  },
  'company-joined-cluster:welcome': {
    fr: (d) => ({ title: `Bienvenue dans la grappe ${d.clusterName}`, body: `${d.companyName} est désormais membre de la grappe ${d.clusterName}.` }),
    en: (d) => ({ title: `Welcome to the cluster ${d.clusterName}`, body: `${d.companyName} is now a member of the cluster ${d.clusterName}.` }),
  },
  'company-left-cluster:notice': {
    fr: (d) => ({ title: `${d.companyName} a quitté la grappe ${d.clusterName}`, body: `${d.companyName} n'est plus membre de la grappe ${d.clusterName}.` }),
    en: (d) => ({ title: `${d.companyName} left the cluster ${d.clusterName}`, body: `${d.companyName} is no longer a member of the cluster ${d.clusterName}.` }),
  },
  'join-requested:notice': {
    fr: (d) => ({ title: `${d.companyName} demande à rejoindre la grappe ${d.clusterName}`, body: `La demande de ${d.companyName} attend une décision.` }),
    en: (d) => ({ title: `${d.companyName} asks to join the cluster ${d.clusterName}`, body: `The request of ${d.companyName} awaits a decision.` }),
  },
  'join-rejected:notice': {
    fr: (d) => ({ title: `Demande refusée : grappe ${d.clusterName}`, body: `La demande de ${d.companyName} pour rejoindre la grappe ${d.clusterName} n'a pas été retenue.` }),
    en: (d) => ({ title: `Request declined: cluster ${d.clusterName}`, body: `The request of ${d.companyName} to join the cluster ${d.clusterName} was declined.` }),
  },
  'workshop-scheduled:notice': {
    fr: (d) => ({ title: `Nouvel atelier : ${d.title}`, body: `${d.clusterName ? `Grappe ${d.clusterName} — ` : ''}le ${when(d.startsAt, 'fr')}, ${d.location}.` }),
    en: (d) => ({ title: `New workshop: ${d.title}`, body: `${d.clusterName ? `Cluster ${d.clusterName} — ` : ''}${when(d.startsAt, 'en')}, ${d.location}.` }),
  },
  'workshop-rescheduled:registrant': {
    fr: (d) => ({ title: `Atelier modifié : ${d.title}`, body: `L'atelier a désormais lieu le ${when(d.startsAt, 'fr')}, ${d.location}.` }),
    en: (d) => ({ title: `Workshop changed: ${d.title}`, body: `The workshop now takes place on ${when(d.startsAt, 'en')}, ${d.location}.` }),
  },
  'workshop-cancelled:registrant': {
    fr: (d) => ({ title: `Atelier annulé : ${d.title}`, body: `L'atelier prévu le ${when(d.startsAt, 'fr')} est annulé ; votre inscription prend fin.` }),
    en: (d) => ({ title: `Workshop cancelled: ${d.title}`, body: `The workshop planned on ${when(d.startsAt, 'en')} is cancelled; your registration ends.` }),
  },
  'registration-confirmed:attendee': {
    fr: (d) => ({ title: `Inscription confirmée : ${d.workshopTitle}`, body: `Votre place est réservée pour l'atelier du ${when(d.startsAt, 'fr')}.` }),
    en: (d) => ({ title: `Registration confirmed: ${d.workshopTitle}`, body: `Your seat is booked for the workshop on ${when(d.startsAt, 'en')}.` }),
  },
  'registration-confirmed:company': {
    fr: (d) => ({ title: `${d.attendeeEmail} est inscrit à l'atelier ${d.workshopTitle}`, body: `Place confirmée pour l'atelier du ${when(d.startsAt, 'fr')}.` }),
    en: (d) => ({ title: `${d.attendeeEmail} is registered for ${d.workshopTitle}`, body: `Seat confirmed for the workshop on ${when(d.startsAt, 'en')}.` }),
  },
  'registration-waitlisted:attendee': {
    fr: (d) => ({ title: `Liste d'attente : ${d.workshopTitle}`, body: `L'atelier est complet : vous êtes en position ${d.position} sur la liste d'attente, et serez inscrit dès qu'une place se libère.` }),
    en: (d) => ({ title: `Waitlist: ${d.workshopTitle}`, body: `The workshop is full: you are number ${d.position} on the waitlist, and will be registered as soon as a seat frees.` }),
  },
  'registration-waitlisted:company': {
    fr: (d) => ({ title: `${d.attendeeEmail} est en liste d'attente : ${d.workshopTitle}`, body: `Position ${d.position} sur la liste d'attente de l'atelier du ${when(d.startsAt, 'fr')}.` }),
    en: (d) => ({ title: `${d.attendeeEmail} is on the waitlist: ${d.workshopTitle}`, body: `Number ${d.position} on the waitlist of the workshop on ${when(d.startsAt, 'en')}.` }),
  },
  'waitlist-promoted:attendee': {
    fr: (d) => ({ title: `Place libérée : ${d.workshopTitle}`, body: `Une place s'est libérée : votre inscription à l'atelier du ${when(d.startsAt, 'fr')} est confirmée.` }),
    en: (d) => ({ title: `A seat freed: ${d.workshopTitle}`, body: `A seat freed: your registration for the workshop on ${when(d.startsAt, 'en')} is confirmed.` }),
  },
  'waitlist-promoted:company': {
    fr: (d) => ({ title: `${d.attendeeEmail} passe de la liste d'attente à l'atelier ${d.workshopTitle}`, body: `Place confirmée pour l'atelier du ${when(d.startsAt, 'fr')}.` }),
    en: (d) => ({ title: `${d.attendeeEmail} moves from the waitlist to ${d.workshopTitle}`, body: `Seat confirmed for the workshop on ${when(d.startsAt, 'en')}.` }),
  },
  'registration-cancelled:attendee': {
    fr: (d) => ({ title: `Inscription annulée : ${d.workshopTitle}`, body: `Votre inscription à l'atelier du ${when(d.startsAt, 'fr')} est annulée. ${CANCELLED_BECAUSE.fr[d.reason] ?? ''}`.trim() }),
    en: (d) => ({ title: `Registration cancelled: ${d.workshopTitle}`, body: `Your registration for the workshop on ${when(d.startsAt, 'en')} is cancelled. ${CANCELLED_BECAUSE.en[d.reason] ?? ''}`.trim() }),
  },
  'registration-cancelled:company': {
    fr: (d) => ({ title: `Inscription de ${d.attendeeEmail} annulée : ${d.workshopTitle}`, body: `L'inscription à l'atelier du ${when(d.startsAt, 'fr')} est annulée. ${CANCELLED_BECAUSE.fr[d.reason] ?? ''}`.trim() }),
    en: (d) => ({ title: `Registration of ${d.attendeeEmail} cancelled: ${d.workshopTitle}`, body: `The registration for the workshop on ${when(d.startsAt, 'en')} is cancelled. ${CANCELLED_BECAUSE.en[d.reason] ?? ''}`.trim() }),
  },
  'idea-posted:notice': {
    fr: (d) => ({ title: `Nouvelle idée dans la grappe ${d.clusterName} : ${d.title}`, body: `${d.authorEmail} a publié une idée dans l'espace d'innovation de la grappe ${d.clusterName}.` }),
    en: (d) => ({ title: `New idea in the cluster ${d.clusterName}: ${d.title}`, body: `${d.authorEmail} posted an idea in the innovation space of the cluster ${d.clusterName}.` }),
  },
  'interest-expressed:author': {
    fr: (d) => ({ title: `${d.companyName} s'intéresse à votre idée ${d.title}`, body: `${d.companyName} a manifesté son intérêt pour votre idée dans la grappe ${d.clusterName}.` }),
    en: (d) => ({ title: `${d.companyName} is interested in your idea ${d.title}`, body: `${d.companyName} expressed its interest in your idea in the cluster ${d.clusterName}.` }),
  },
  'project-launched:partner': {
    fr: (d) => ({ title: `Projet lancé : ${d.title}`, body: `Votre entreprise est partenaire du projet ${d.title} de la grappe ${d.clusterName}.` }),
    en: (d) => ({ title: `Project launched: ${d.title}`, body: `Your company is a partner of the project ${d.title} of the cluster ${d.clusterName}.` }),
  },
  'project-updated:partner': {
    fr: (d) => ({ title: `Projet ${d.title} : ${PROJECT_STATUS.fr[d.status]}`, body: `Le projet de la grappe ${d.clusterName} passe de « ${PROJECT_STATUS.fr[d.previousStatus]} » à « ${PROJECT_STATUS.fr[d.status]} ».` }),
    en: (d) => ({ title: `Project ${d.title}: ${PROJECT_STATUS.en[d.status]}`, body: `The project of the cluster ${d.clusterName} moves from "${PROJECT_STATUS.en[d.previousStatus]}" to "${PROJECT_STATUS.en[d.status]}".` }),
  },
  'company-suspended:notice': {
    fr: (d) => ({ title: `Adhésion suspendue : ${d.name}`, body: `${d.name} reste dans l'annuaire mais ses membres n'ont plus accès à Grappes.` }),
    en: (d) => ({ title: `Membership suspended: ${d.name}`, body: `${d.name} stays in the directory but its people no longer have access to Grappes.` }),
  },
  'company-deactivated:notice': {
    fr: (d) => ({ title: `${d.name} a quitté la fédération`, body: `${d.name} a quitté ses grappes et ses inscriptions à venir sont annulées.` }),
    en: (d) => ({ title: `${d.name} left the federation`, body: `${d.name} left its clusters and its upcoming registrations are cancelled.` }),
  },
};

/** The message of one kind of notification, in a language. */
export function render(type: string, kind: string, data: unknown, locale: Locale): Message {
  const template = TEMPLATES[`${type}:${kind}`];
  if (!template) throw new Error(`No message for ${type}:${kind}`);
  return template[locale](data);
}

/** Every `<type>:<kind>` that has a message, for the test that each addressed kind has one. */
export const MESSAGE_KEYS = Object.keys(TEMPLATES);
