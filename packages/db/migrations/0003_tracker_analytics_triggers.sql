-- Tracker analytics kept exact by triggers (see tracker_*_stats in src/schema/tracker.ts).
--
-- Every figure of `analytics.summary` is a sum over small per-user tables instead of a scan of a
-- person's 200,000 applications. The triggers are statement-level with transition tables, so a
-- 5,000-row import or restore updates the aggregates in a few set-based statements, not per row.
--
-- How the pieces fit:
--   jobs                        → tracker_user_stats (job counts), tracker_skill_stats; copies "live" (not soft-deleted)
--                                 and company onto its applications and "live" onto their history rows
--   application_status_changes  → reached_rank / ever_rejected on the application; stay_tenths
--                                 (time until the next change) on every row; tracker_stage_stays
--   applications                → tracker_status_stats, tracker_company_stats
-- Each aggregate is a pure function of its own table's rows, so deletes (also cascades, which run
-- before the parent's statement trigger) subtract exactly what inserts added.

create function tracker_rank(status application_status) returns smallint
language sql immutable parallel safe as $$
  select (case status
    when 'applied' then 1 when 'rejected' then 1 when 'ghosted' then 1
    when 'screening' then 2 when 'interviewing' then 3 when 'offer' then 4 when 'accepted' then 5
    else 0 end)::smallint
$$;
--> statement-breakpoint

-- The rows a statement changed, with a sign: -1 for what was there (old_table), +1 for what is
-- there now (new_table). Each statement trigger below builds its aggregate deltas from this query.
create function tracker_changed_rows(operation text, columns text) returns text
language sql immutable as $$
  select case operation
    when 'INSERT' then format('select %s, 1 as sign from new_table', columns)
    when 'DELETE' then format('select %s, -1 as sign from old_table', columns)
    else format('select %1$s, -1 as sign from old_table union all select %1$s, 1 from new_table', columns) end
$$;
--> statement-breakpoint

-- New applications (and one moved to another job) copy their job's state.
create function tracker_application_fill_job() returns trigger
language plpgsql as $$
declare
  job record;
begin
  select j.deleted_at is null as live, j.company into job from jobs j where j.id = new.job_id;
  if found then
    new.job_live := job.live;
    new.company := job.company;
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger tracker_application_fill_job before insert or update of job_id on applications
  for each row execute function tracker_application_fill_job();
--> statement-breakpoint

-- New history rows copy their application's "live".
create function tracker_status_change_fill_live() returns trigger
language plpgsql as $$
declare
  live boolean;
begin
  select a.job_live into live from applications a where a.id = new.application_id;
  if found then
    new.job_live := live;
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger tracker_status_change_fill_live before insert on application_status_changes
  for each row execute function tracker_status_change_fill_live();
--> statement-breakpoint

-- applications → status and company aggregates.
create function tracker_applications_stats() returns trigger
language plpgsql as $$
declare
  changed text := tracker_changed_rows(tg_op, 'user_id, status, reached_rank, ever_rejected, job_live, company');
begin
  execute format($q$
    with changed as (%s), live as (select * from changed where job_live),
    statuses as (
      insert into tracker_status_stats as t (user_id, status, reached_rank, ever_rejected, applications)
      select user_id, status, reached_rank, ever_rejected, sum(sign) from live
      group by 1, 2, 3, 4 having sum(sign) <> 0
      on conflict (user_id, status, reached_rank, ever_rejected) do update set applications = t.applications + excluded.applications
    )
    insert into tracker_company_stats as t (user_id, company, applications, offers)
    select user_id, company, sum(sign), coalesce(sum(sign) filter (where status in ('offer', 'accepted')), 0) from live
    group by 1, 2 having sum(sign) <> 0 or coalesce(sum(sign) filter (where status in ('offer', 'accepted')), 0) <> 0
    on conflict (user_id, company) do update set applications = t.applications + excluded.applications, offers = t.offers + excluded.offers
  $q$, changed);
  execute format($q$
    with users as (select distinct user_id from (%s) changed),
    statuses as (delete from tracker_status_stats where user_id in (select user_id from users) and applications = 0)
    delete from tracker_company_stats where user_id in (select user_id from users) and applications = 0 and offers = 0
  $q$, changed);
  return null;
end
$$;
--> statement-breakpoint
create trigger tracker_applications_stats_insert after insert on applications
  referencing new table as new_table for each statement execute function tracker_applications_stats();
--> statement-breakpoint
create trigger tracker_applications_stats_update after update on applications
  referencing old table as old_table new table as new_table for each statement execute function tracker_applications_stats();
--> statement-breakpoint
create trigger tracker_applications_stats_delete after delete on applications
  referencing old table as old_table for each statement execute function tracker_applications_stats();
--> statement-breakpoint

-- application_status_changes → stage-stay histogram.
create function tracker_status_changes_stats() returns trigger
language plpgsql as $$
declare
  changed text := tracker_changed_rows(tg_op, 'user_id, to_status, stay_tenths, job_live');
begin
  execute format($q$
    insert into tracker_stage_stays as t (user_id, stage, tenths, stays)
    select user_id, to_status, stay_tenths, sum(sign) from (%s) changed
    where job_live and stay_tenths is not null
    group by 1, 2, 3 having sum(sign) <> 0
    on conflict (user_id, stage, tenths) do update set stays = t.stays + excluded.stays
  $q$, changed);
  execute format($q$
    delete from tracker_stage_stays where user_id in (select distinct user_id from (%s) changed) and stays = 0
  $q$, changed);
  return null;
end
$$;
--> statement-breakpoint
create trigger tracker_status_changes_stats_update after update on application_status_changes
  referencing old table as old_table new table as new_table for each statement execute function tracker_status_changes_stats();
--> statement-breakpoint
create trigger tracker_status_changes_stats_delete after delete on application_status_changes
  referencing old table as old_table for each statement execute function tracker_status_changes_stats();
--> statement-breakpoint

-- New history rows: raise the application's furthest stage, then recompute the stays of the
-- applications concerned (a backdated row can land between two existing ones). The update fires
-- the update trigger above, which moves the histogram. New rows start with stay_tenths null, so
-- the insert itself adds nothing to the histogram.
create function tracker_status_changes_inserted() returns trigger
language plpgsql as $$
begin
  update applications a
  set reached_rank = greatest(a.reached_rank, added.rank), ever_rejected = a.ever_rejected or added.rejected
  from (
    select application_id, max(tracker_rank(to_status)) as rank, bool_or(to_status = 'rejected') as rejected
    from new_table group by application_id
  ) added
  where a.id = added.application_id and (added.rank > a.reached_rank or (added.rejected and not a.ever_rejected));

  update application_status_changes h
  set stay_tenths = stays.tenths
  from (
    select id, round(extract(epoch from (lead(changed_at) over (partition by application_id order by changed_at, id) - changed_at)) / 8640)::int as tenths
    from application_status_changes
    where application_id in (select distinct application_id from new_table)
  ) stays
  where h.id = stays.id and h.stay_tenths is distinct from stays.tenths;
  return null;
end
$$;
--> statement-breakpoint
create trigger tracker_status_changes_inserted after insert on application_status_changes
  referencing new table as new_table for each statement execute function tracker_status_changes_inserted();
--> statement-breakpoint

-- jobs → job counts and skill aggregate (a job counts once per case-insensitive skill, with its first spelling),
-- and soft delete / restore / company changes copied onto the job's applications and history.
create function tracker_jobs_stats() returns trigger
language plpgsql as $$
declare
  changed text := tracker_changed_rows(tg_op, 'id, user_id, tech_stack, deleted_at');
begin
  execute format($q$
    with skills as (
      select distinct on (changed.sign, changed.id, lower(s.skill)) changed.user_id, changed.sign, lower(s.skill) as key, s.skill as spelling
      from (%s) changed cross join lateral unnest(changed.tech_stack) with ordinality as s(skill, position)
      where changed.deleted_at is null and btrim(s.skill) <> ''
      order by changed.sign, changed.id, lower(s.skill), s.position
    )
    insert into tracker_skill_stats as t (user_id, key, spelling, jobs)
    select user_id, key, spelling, sum(sign) from skills
    group by 1, 2, 3 having sum(sign) <> 0
    on conflict (user_id, key, spelling) do update set jobs = t.jobs + excluded.jobs
  $q$, changed);
  execute format($q$
    delete from tracker_skill_stats where user_id in (select distinct user_id from (%s) changed) and jobs = 0
  $q$, changed);
  execute format($q$
    insert into tracker_user_stats as t (user_id, live_jobs, deleted_jobs)
    select user_id, coalesce(sum(sign) filter (where deleted_at is null), 0), coalesce(sum(sign) filter (where deleted_at is not null), 0) from (%s) changed
    group by 1 having coalesce(sum(sign) filter (where deleted_at is null), 0) <> 0 or coalesce(sum(sign) filter (where deleted_at is not null), 0) <> 0
    on conflict (user_id) do update set live_jobs = t.live_jobs + excluded.live_jobs, deleted_jobs = t.deleted_jobs + excluded.deleted_jobs
  $q$, changed);

  if tg_op = 'UPDATE' then
    update applications a
    set job_live = after_change.deleted_at is null, company = after_change.company
    from new_table after_change join old_table before_change on before_change.id = after_change.id
    where a.job_id = after_change.id
      and ((before_change.deleted_at is null) <> (after_change.deleted_at is null) or before_change.company <> after_change.company);

    update application_status_changes h
    set job_live = after_change.deleted_at is null
    from new_table after_change join old_table before_change on before_change.id = after_change.id join applications a on a.job_id = after_change.id
    where h.application_id = a.id and (before_change.deleted_at is null) <> (after_change.deleted_at is null);
  end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger tracker_jobs_stats_insert after insert on jobs
  referencing new table as new_table for each statement execute function tracker_jobs_stats();
--> statement-breakpoint
create trigger tracker_jobs_stats_update after update on jobs
  referencing old table as old_table new table as new_table for each statement execute function tracker_jobs_stats();
--> statement-breakpoint
create trigger tracker_jobs_stats_delete after delete on jobs
  referencing old table as old_table for each statement execute function tracker_jobs_stats();
--> statement-breakpoint

-- Existing data: fill the copies, then the aggregates, once. The triggers above are switched off
-- while the copies are filled so the aggregates are built in one pass below, not row by row.
alter table applications disable trigger user;
--> statement-breakpoint
alter table application_status_changes disable trigger user;
--> statement-breakpoint
update applications a set job_live = j.deleted_at is null, company = j.company from jobs j where j.id = a.job_id;
--> statement-breakpoint
update applications a set reached_rank = reached.rank, ever_rejected = reached.rejected
from (
  select application_id, max(tracker_rank(to_status)) as rank, bool_or(to_status = 'rejected') as rejected
  from application_status_changes group by application_id
) reached
where a.id = reached.application_id;
--> statement-breakpoint
update application_status_changes h
set job_live = a.job_live,
    stay_tenths = stays.tenths
from applications a, (
  select id, round(extract(epoch from (lead(changed_at) over (partition by application_id order by changed_at, id) - changed_at)) / 8640)::int as tenths
  from application_status_changes
) stays
where a.id = h.application_id and stays.id = h.id;
--> statement-breakpoint
alter table applications enable trigger user;
--> statement-breakpoint
alter table application_status_changes enable trigger user;
--> statement-breakpoint
insert into tracker_status_stats (user_id, status, reached_rank, ever_rejected, applications)
select user_id, status, reached_rank, ever_rejected, count(*) from applications where job_live group by 1, 2, 3, 4;
--> statement-breakpoint
insert into tracker_company_stats (user_id, company, applications, offers)
select user_id, company, count(*), count(*) filter (where status in ('offer', 'accepted')) from applications where job_live group by 1, 2;
--> statement-breakpoint
insert into tracker_stage_stays (user_id, stage, tenths, stays)
select user_id, to_status, stay_tenths, count(*) from application_status_changes where job_live and stay_tenths is not null group by 1, 2, 3;
--> statement-breakpoint
insert into tracker_skill_stats (user_id, key, spelling, jobs)
select user_id, key, spelling, count(*) from (
  select distinct on (j.id, lower(s.skill)) j.user_id, lower(s.skill) as key, s.skill as spelling
  from jobs j cross join lateral unnest(j.tech_stack) with ordinality as s(skill, position)
  where j.deleted_at is null and btrim(s.skill) <> ''
  order by j.id, lower(s.skill), s.position
) skills group by 1, 2, 3;
--> statement-breakpoint
insert into tracker_user_stats (user_id, live_jobs, deleted_jobs)
select user_id, count(*) filter (where deleted_at is null), count(*) filter (where deleted_at is not null) from jobs group by 1;
