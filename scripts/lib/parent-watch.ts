/**
 * Notices when the process that started this one goes away. `npm start` runs the launcher
 * through `sh -c`, and npm forwards SIGINT/SIGTERM to that shell only: the shell dies, npm exits,
 * and the launcher would keep every service running with nobody left to stop it. When the
 * parent changes (the orphan is adopted by init or a subreaper), `onOrphaned` runs once.
 */
export function watchParent(onOrphaned: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
