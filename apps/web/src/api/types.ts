/**
 * The shapes of the gateway's answers, from libs/contracts itself: type-only
 * imports, erased from the build, so that the app is checked against the
 * services' own views and ships none of their code.
 */
export type {
  AccountView as Me, ClusterDetail, ClusterView as Cluster, CompanyView as Company, FigureRow, Inbox, Locale, NotificationView as Notification,
  Page, RegistrationView as Registration, Role, SectorFigures, WorkshopView as Workshop,
} from '@grappes/contracts';
