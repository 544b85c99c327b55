import { useState } from 'react';
import { API_BASE, api, call, query } from '../api/api-client';
import { useMe } from '../api/session';
import type { Me, Page, Registration, Workshop } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { PageTitle } from '../ui/page-title';
import { Empty, ErrorNotice, Outcome, Show } from '../ui/status';
import { useAction } from '../ui/use-action';
import { useLoad } from '../ui/use-load';
import { themeKey } from '../vocabulary';

export function WorkshopsPage() {
  const { t } = useI18n();
  const [from] = useState(() => new Date().toISOString());
  const workshops = useLoad(() => api.get<Page<Workshop>>(`/workshops${query({ from, limit: 100 })}`), [from]);
  return (
    <>
      <PageTitle text={t('workshops.title')}>{t('workshops.title')}</PageTitle>
      <CalendarSubscription />
      <Show loaded={workshops}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('workshops.empty')}</Empty>
          ) : (
            <ul className="cards">
              {page.items.map((workshop) => (
                <WorkshopCard key={workshop.id} workshop={workshop} onChange={workshops.reload} />
              ))}
            </ul>
          )
        }
      </Show>
    </>
  );
}

/** The signed-in person's own registration, among those of their company they may see. */
async function myRegistration(workshopId: string, me: Me): Promise<Registration | undefined> {
  const page = await api.get<Page<Registration>>(`/workshops/${workshopId}/registrations?limit=100`);
  return page.items.find((r) => r.attendeeEmail.toLowerCase() === me.email.toLowerCase());
}

function WorkshopCard({ workshop, onChange }: { workshop: Workshop; onChange: () => void }) {
  const { t, formatDate } = useI18n();
  const me = useMe();
  const mine = useLoad(() => (me.companyId ? myRegistration(workshop.id, me) : Promise.resolve(undefined)), [workshop.id, me.email]);
  const { busy, outcome, run } = useAction();
  const { capacity, confirmed, waitlisted } = workshop.seats;
  const left = Math.max(0, capacity - confirmed);
  const headingId = `workshop-${workshop.id}`;

  const register = () =>
    run(async () => {
      const reply = await api.post<Registration>(`/workshops/${workshop.id}/registrations`, { attendeeEmail: me.email, companyId: me.companyId });
      onChange();
      mine.reload();
      return reply.status === 'waitlisted' ? t('workshops.waitlisted', { position: reply.position ?? '' }) : t('workshops.confirmed');
    });
  const cancel = (registration: Registration) =>
    run(async () => {
      await api.delete(`/workshops/${workshop.id}/registrations/${registration.id}`);
      onChange();
      mine.reload();
      return t('workshops.registrationCancelled');
    });

  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{workshop.title}</h2>
      <p className="meta">
        {t('workshops.when', { start: formatDate(workshop.startsAt), end: formatDate(workshop.endsAt) })} · {workshop.location} · {t(themeKey(workshop.theme))}
      </p>
      {workshop.description && <p>{workshop.description}</p>}
      <p className="seats">
        {workshop.status === 'cancelled'
          ? t('workshops.cancelled')
          : left > 0
            ? t('workshops.seatsLeft', { n: left, capacity })
            : t('workshops.full', { n: waitlisted })}
      </p>
      {mine.state === 'done' && mine.data?.status === 'waitlisted' && (
        <p className="pill">{t('workshops.waitlisted', { position: mine.data.position ?? '' })}</p>
      )}
      {mine.state === 'done' && mine.data?.status === 'confirmed' && <p className="pill pill-ok">{t('workshops.confirmed')}</p>}
      <div className="actions">
        {workshop.status === 'scheduled' && me.companyId && mine.state === 'done' && !mine.data && (
          <button type="button" disabled={busy} onClick={() => void register()}>
            {left > 0 ? t('workshops.register') : t('workshops.joinWaitlist')}
          </button>
        )}
        {mine.state === 'done' && mine.data && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void cancel(mine.data!)}>
            {t('workshops.cancelRegistration')}
          </button>
        )}
        <CalendarFileButton workshop={workshop} />
      </div>
      {!me.companyId && <p className="meta">{t('workshops.noCompany')}</p>}
      <Outcome outcome={outcome} />
    </li>
  );
}

/** The .ics file needs the bearer token, so it is fetched and handed to the browser as a download. */
function CalendarFileButton({ workshop }: { workshop: Workshop }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>();
  const download = async () => {
    try {
      const ics = await call<string>('GET', `/workshops/${workshop.id}/calendar.ics`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([ics], { type: 'text/calendar' }));
      link.download = `${workshop.title.replace(/[^\p{L}\p{N}]+/gu, '-')}.ics`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => void download()}>
        {t('workshops.addToCalendar')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
    </>
  );
}

function CalendarSubscription() {
  const { t } = useI18n();
  const token = useLoad(() => api.get<{ path: string }>('/me/calendar-token'), []);
  const { busy, outcome, run } = useAction();
  const [rotated, setRotated] = useState<string>();
  const path = rotated ?? (token.state === 'done' ? token.data.path : undefined);
  const rotate = () =>
    run(async () => {
      setRotated((await api.post<{ path: string }>('/me/calendar-token')).path);
      return t('common.saved');
    });
  return (
    <section className="card" aria-labelledby="subscription">
      <h2 id="subscription">{t('workshops.subscription')}</h2>
      <p>{t('workshops.subscriptionHelp')}</p>
      {token.state === 'failed' && <ErrorNotice error={token.error} onRetry={token.reload} />}
      {path && (
        <div className="field">
          <label htmlFor="subscription-url">{t('workshops.subscriptionUrl')}</label>
          <input id="subscription-url" readOnly value={`${window.location.origin}${API_BASE}${path}`} onFocus={(e) => e.target.select()} />
        </div>
      )}
      <button type="button" className="secondary" disabled={busy} onClick={() => void rotate()}>
        {t('workshops.rotate')}
      </button>
      <Outcome outcome={outcome} />
    </section>
  );
}
