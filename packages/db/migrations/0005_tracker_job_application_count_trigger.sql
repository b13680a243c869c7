-- Per-job application counts (jobs.application_count), kept by a statement trigger on applications
-- like the analytics aggregates of 0003: counting a person's applications under job filters
-- ("search 'data scientist'") sums this column over the matching jobs instead of joining their
-- 25,000 applications.

update jobs j set application_count = c.applications
from (select job_id, count(*)::int as applications from applications group by job_id) c
where c.job_id = j.id;
--> statement-breakpoint

create function tracker_job_application_counts() returns trigger
language plpgsql as $$
declare
  changed text := tracker_changed_rows(tg_op, 'job_id');
begin
  execute format($q$
    update jobs j set application_count = j.application_count + delta.applications
    from (select job_id, sum(sign)::int as applications from (%s) changed group by job_id having sum(sign) <> 0) delta
    where j.id = delta.job_id
  $q$, changed);
  return null;
end
$$;
--> statement-breakpoint
create trigger tracker_applications_job_counts_insert after insert on applications
  referencing new table as new_table for each statement execute function tracker_job_application_counts();
--> statement-breakpoint
create trigger tracker_applications_job_counts_update after update on applications
  referencing old table as old_table new table as new_table for each statement execute function tracker_job_application_counts();
--> statement-breakpoint
create trigger tracker_applications_job_counts_delete after delete on applications
  referencing old table as old_table for each statement execute function tracker_job_application_counts();
--> statement-breakpoint

-- The jobs statement trigger of 0003 now also fires for those count updates: the same function,
-- returning early when an update changed none of the columns it aggregates.
create or replace function tracker_jobs_stats() returns trigger
language plpgsql as $$
declare
  changed text := tracker_changed_rows(tg_op, 'id, user_id, tech_stack, deleted_at');
begin
  -- Updates that change none of the columns this trigger reads (application_count, notes on a
  -- job…) have nothing to add: skip them instead of unnesting every changed job's skills twice.
  -- (Two ifs: old_table exists only for updates, and one condition would be planned as a whole.
  -- EXCEPT, not a join: transition tables have no statistics, and a nested loop over 100,000
  -- updated rows on each side would never finish.)
  if tg_op = 'UPDATE' then
    if not exists (
      select id, user_id, tech_stack, deleted_at, company from new_table
      except
      select id, user_id, tech_stack, deleted_at, company from old_table
    ) then
      return null;
    end if;
  end if;
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
