-- Applications per job (tracker_job_stats), kept by a statement trigger on applications like the
-- analytics aggregates of 0003: counting a person's applications under job filters ("search 'data
-- scientist'") sums these over the matching jobs instead of joining their 25,000 applications.
-- No foreign key to jobs: when a job is deleted, its applications' cascade brings its row to 0,
-- and rows at 0 are deleted.

insert into tracker_job_stats (job_id, user_id, applications)
select job_id, user_id, count(*)::int from applications group by job_id, user_id;
--> statement-breakpoint

create function tracker_job_stats() returns trigger
language plpgsql as $$
declare
  changed text := tracker_changed_rows(tg_op, 'job_id, user_id');
begin
  execute format($q$
    insert into tracker_job_stats as t (job_id, user_id, applications)
    select job_id, user_id, sum(sign) from (%s) changed
    group by 1, 2 having sum(sign) <> 0
    on conflict (job_id) do update set applications = t.applications + excluded.applications
  $q$, changed);
  execute format($q$
    delete from tracker_job_stats where job_id in (select job_id from (%s) changed) and applications = 0
  $q$, changed);
  return null;
end
$$;
--> statement-breakpoint
create trigger tracker_applications_job_stats_insert after insert on applications
  referencing new table as new_table for each statement execute function tracker_job_stats();
--> statement-breakpoint
create trigger tracker_applications_job_stats_update after update on applications
  referencing old table as old_table new table as new_table for each statement execute function tracker_job_stats();
--> statement-breakpoint
create trigger tracker_applications_job_stats_delete after delete on applications
  referencing old table as old_table for each statement execute function tracker_job_stats();
