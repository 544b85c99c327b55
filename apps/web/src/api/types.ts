/** The shapes of the gateway's answers the web app reads (api.md; OpenAPI at /api/v1/docs-json). */
export type Locale = 'fr' | 'en';
export type Role = 'federation-admin' | 'company-admin' | 'member';

export interface Me {
  id: string;
  email: string;
  companyId?: string;
  roles: Role[];
  locale: Locale;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface Company {
  id: string;
  name: string;
  siren: string;
  category: string;
  capabilities: string[];
  region: string;
  city?: string;
  headcount?: number;
  annualRevenueEur?: number;
  website?: string;
  description?: string;
  status: string;
}

export interface Cluster {
  id: string;
  name: string;
  theme: string;
  description?: string;
  admission: 'open' | 'approval';
  coordinatorCompanyId?: string;
  memberCount: number;
}

export interface ClusterDetail extends Cluster {
  members: { companyId: string; companyName: string; role: string; joinedAt: string }[];
  pendingRequests?: { companyId: string; companyName: string; requestedAt: string }[];
}

export interface Workshop {
  id: string;
  title: string;
  theme: string;
  clusterId?: string;
  startsAt: string;
  endsAt: string;
  location: string;
  description?: string;
  status: 'scheduled' | 'cancelled';
  seats: { capacity: number; confirmed: number; waitlisted: number };
}

export interface Registration {
  id: string;
  attendeeEmail: string;
  companyId: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  position?: number;
}

export interface Notification {
  id: string;
  type: string;
  title: string;
  body: string;
  createdAt: string;
  readAt?: string;
}

export interface Inbox extends Page<Notification> {
  unreadCount: number;
}

export interface FigureRow {
  key: string;
  companies: number;
  headcount: number;
  annualRevenueEur?: number;
}

export interface SectorFigures {
  companies: number;
  headcount: number;
  annualRevenueEur?: number;
  byCategory: FigureRow[];
  byRegion: FigureRow[];
}
