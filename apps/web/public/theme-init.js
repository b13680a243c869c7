// Keep in sync with src/lib/theme.ts (storage key and values). Runs before first paint.
(function () {
  try {
    var stored = localStorage.getItem('tessera-theme');
    var preference = stored === 'light' || stored === 'dark' ? stored : 'system';
    var dark =
      preference === 'dark' ||
      (preference === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.classList.toggle('dark', dark);
  } catch (_) {
    /* storage unavailable: stay light */
  }
})();
