import { useQuota } from './use-characters';

/** "2 of 5 this minute · 7 of 50 today" — so nobody is surprised by the limit. */
export function QuotaNote() {
  const quota = useQuota();
  if (!quota.data) return null;
  const { perMinute, daily } = quota.data;
  return (
    <p className="text-xs text-muted-foreground tabular-nums" data-testid="character-quota">
      Generations used: {Math.min(perMinute.used, perMinute.limit)} of {perMinute.limit} this minute ·{' '}
      {Math.min(daily.used, daily.limit)} of {daily.limit} today
    </p>
  );
}
