// Marks `first-slot` in the frame where `found()` first holds, and records long tasks.
window.longTasks = [];
window.longTaskEntries = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.longTasks.push(entry.duration);
    window.longTaskEntries.push({ start: entry.startTime, duration: entry.duration });
  }
}).observe({ type: 'longtask', buffered: true });
window.probe = (found) => {
  (function check() {
    if (found()) performance.mark('first-slot');
    else requestAnimationFrame(check);
  })();
};
